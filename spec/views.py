"""Claims of the views area (to be written)."""
