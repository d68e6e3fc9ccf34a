"""torch.utils: the data loading utilities.  Mirrors: torch.utils.data."""

from __future__ import annotations

from reference_impl.utils import data

__all__ = ["data"]
