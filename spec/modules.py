"""Claims of the modules area (to be written)."""
