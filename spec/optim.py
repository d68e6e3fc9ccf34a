"""Claims of the optim area (to be written)."""
