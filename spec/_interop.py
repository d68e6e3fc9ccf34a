"""Moving drawn numpy inputs into a backend, in the most portable spelling.

Checks build backend tensors with ``t.tensor(nested_list, dtype=..., device=...)``
because every PyTorch-like API has it; ``from_numpy`` is a claim of its own.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def dtype_of(t: Any, array: np.ndarray[Any, Any]) -> Any:
    """The backend dtype named like the numpy array's (``t.float32``...)."""
    return getattr(t, array.dtype.name)


def tensor_from(t: Any, array: np.ndarray[Any, Any], device: str, *, requires_grad: bool = False) -> Any:
    """``t.tensor(array.tolist(), dtype=..., device=...)``, optionally a grad leaf."""
    kwargs: dict[str, Any] = {"dtype": dtype_of(t, array), "device": device}
    if requires_grad:
        kwargs["requires_grad"] = True
    return t.tensor(array.tolist(), **kwargs)
