"""Claims of the functional area (to be written)."""
