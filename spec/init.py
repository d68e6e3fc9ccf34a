"""Claims of the init area (to be written)."""
