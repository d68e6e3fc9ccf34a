"""Mirrors: torch.nn.modules.linear."""
from reference_impl.nn.extra import Bilinear, LazyLinear  # noqa: F401
from reference_impl.nn.layers import Identity, Linear  # noqa: F401
