"""Claims of the data area (to be written)."""
