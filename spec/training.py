"""Claims of the training area (to be written)."""
