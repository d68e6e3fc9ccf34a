"""Mirrors: torch.nn.modules.normalization."""
from reference_impl.nn.extra import GroupNorm, LayerNorm  # noqa: F401
