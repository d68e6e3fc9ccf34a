"""Claims of the devices area (to be written)."""
