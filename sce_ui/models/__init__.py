"""Display models: what a page shows, computed from the core's numbers in plain functions."""

MAX_SEED = 10**6
"""The largest seed the labs' seed inputs take (the core takes any up to 2**63 - 1)."""
