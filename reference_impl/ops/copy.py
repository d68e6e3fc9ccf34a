"""Copies: to another dtype or device (ToCopyBackward0) and clone (CloneBackward0)."""

from __future__ import annotations

import builtins
import math
from math import prod
from typing import Any

from reference_impl import _dtype as dt
from reference_impl.function import Context, Function
from reference_impl.tensor import Tensor


class ToCopy(Function):
    """A copy to another dtype and/or device (ToCopyBackward0)."""

    name = "ToCopyBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, d: dt.dtype, dev: Any) -> Tensor:
        ctx.d, ctx.dev = x.dtype, x.device
        flat = x._flat()
        if x.dtype.is_floating_point and not d.is_floating_point and d is not dt.bool_:
            flat = [int(v) if v == v and builtins.abs(v) != math.inf else 0 for v in flat]
        return Tensor._of(flat, x._shape, d, dev)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (g.to(ctx.dev, ctx.d), None, None)


class Clone(Function):
    name = "CloneBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        return Tensor._of(x._flat(), x._shape, x.dtype, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (g,)


def clone(x: Tensor) -> Tensor:
    return Clone.apply(x)


def prod_shape(shape: tuple[int, ...]) -> int:
    return prod(shape)
