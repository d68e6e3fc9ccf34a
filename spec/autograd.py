"""Claims of the autograd area (to be written)."""
