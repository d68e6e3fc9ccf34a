"""torch.utils: the data loading utilities and hook handles.  Mirrors: torch.utils.data, torch.utils.hooks."""

from __future__ import annotations

from reference_impl.utils import data, hooks

__all__ = ["data", "hooks"]
