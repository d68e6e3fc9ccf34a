"""The cuda namespace: no CUDA here.

Mirrors: torch.cuda.is_available() (False on a machine without a GPU) and
device_count() (0).
"""

from __future__ import annotations


def is_available() -> bool:
    """Mirrors: torch.cuda.is_available(): False, reference_impl has no CUDA."""
    return False


def device_count() -> int:
    """Mirrors: torch.cuda.device_count()."""
    return 0


def manual_seed(seed: int) -> None:
    """Mirrors: torch.cuda.manual_seed: silently ignored without CUDA."""


def manual_seed_all(seed: int) -> None:
    """Mirrors: torch.cuda.manual_seed_all: silently ignored without CUDA."""
