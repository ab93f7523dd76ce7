"""Display models: what a page shows, as plain values and text, apart from drawing."""
