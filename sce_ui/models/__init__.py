"""Display models: what a page shows, computed from the core's numbers in plain functions."""
