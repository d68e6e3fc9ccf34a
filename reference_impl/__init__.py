"""A pure-Python PyTorch-compatible library: the readable model of the semantics.

Not yet implemented; it becomes the ``reference`` backend.
"""
