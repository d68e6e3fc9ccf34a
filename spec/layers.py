"""Claims of the layers area (to be written)."""
