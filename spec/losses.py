"""Claims of the losses area (to be written)."""
