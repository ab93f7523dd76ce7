"""Display models: what a page shows, computed apart from drawing it (plain, tested functions)."""
