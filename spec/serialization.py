"""Claims of the serialization area (to be written)."""
