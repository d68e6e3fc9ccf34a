"""Claims of the no_grad area (to be written)."""
