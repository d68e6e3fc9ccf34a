"""Claims of the overview area (to be written)."""
