"""Parameter: a Tensor that a Module registers as learnable when assigned.

Mirrors: torch.nn.Parameter(data=None, requires_grad=True): shares storage
with ``data``, is a leaf, prints as ``Parameter containing:``.
"""

from __future__ import annotations

from typing import Any

from reference_impl import _dtype as dt
from reference_impl.tensor import Tensor


class Parameter(Tensor):
    """A learnable tensor.  Mirrors: torch.nn.Parameter."""

    def __init__(self, data: Any = None, requires_grad: bool = True) -> None:
        if data is None:
            data = Tensor._of([], (0,), dt.get_default_dtype())
        if not isinstance(data, Tensor):
            raise TypeError(f"Parameter(): argument 'data' must be Tensor, not {type(data).__name__}")
        self._init_from(data._st, data._shape, data.dtype, data._strides, data._offset, data._base)
        self.requires_grad = requires_grad

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    def __deepcopy__(self, memo: dict[int, Any]) -> Parameter:
        out = Parameter(self.detach().clone(), self.requires_grad)
        if self.grad is not None:
            out.grad = self.grad.clone()
        memo[id(self)] = out
        return out


class Buffer(Tensor):
    """Mirrors: torch.nn.Buffer (a tensor marked to register as a buffer)."""

    def __init__(self, data: Any = None, *, persistent: bool = True) -> None:
        if data is None:
            data = Tensor._of([], (0,), dt.get_default_dtype())
        self._init_from(data._st, data._shape, data.dtype, data._strides, data._offset, data._base)
        self.persistent = persistent
