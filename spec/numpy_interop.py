"""Claims of the numpy_interop area (to be written)."""
