"""The broadcast adjoint ("unbroadcast"): a broadcast operand's gradient summed back to its shape.

Mirrors: torch's sum_to_size in the derivative formulas of broadcasting ops
(SumBackward1 for the reduction, ExpandBackward0 for its adjoint).
"""

from __future__ import annotations

from typing import Any

from reference_impl import _kernels as K
from reference_impl.function import Context, Function
from reference_impl.ops._common import (
    new,
)
from reference_impl.tensor import Tensor


class SumTo(Function):
    """Sum a broadcast gradient to ``shape``; its adjoint is expand."""

    name = "SumBackward1"

    @staticmethod
    def forward(ctx: Context, g: Tensor, shape: tuple[int, ...]) -> Tensor:
        ctx.shape = g._shape
        return new(K.reduce_to_shape(g._flat(), g._shape, shape), tuple(shape), g.dtype, g.device)

    @staticmethod
    def backward(ctx: Context, grad: Tensor) -> tuple[Any, ...]:
        from reference_impl.ops.shape import expand
        return (expand(grad, ctx.shape), None)


class ExpandTo(Function):
    """A materialised broadcast of ``g`` to ``shape`` (the adjoint of :class:`SumTo`)."""

    name = "ExpandBackward0"

    @staticmethod
    def forward(ctx: Context, g: Tensor, shape: tuple[int, ...]) -> Tensor:
        ctx.shape = g._shape
        return new(K.expand_flat(g._flat(), g._shape, shape), tuple(shape), g.dtype, g.device)

    @staticmethod
    def backward(ctx: Context, grad: Tensor) -> tuple[Any, ...]:
        return (sum_to(grad, ctx.shape), None)


def expand_to(g: Tensor, shape: tuple[int, ...]) -> Tensor:
    """``g`` broadcast to ``shape`` as a fresh contiguous tensor."""
    return g if g._shape == tuple(shape) else ExpandTo.apply(g, tuple(shape))


def sum_to(g: Tensor, shape: tuple[int, ...]) -> Tensor:
    """The gradient ``g`` of a broadcast result, summed back to an operand's ``shape``."""
    return g if g._shape == tuple(shape) else SumTo.apply(g, tuple(shape))


def _grad_for(x: Any, g: Tensor) -> Any:
    if not isinstance(x, Tensor):
        return None
    g = sum_to(g, x._shape)
    return g if g.dtype is x.dtype else g.to(x.dtype)


def _meta(x: Any) -> Any:
    """What a gradient needs to know of an operand: its shape and dtype."""
    return (x._shape, x.dtype) if isinstance(x, Tensor) else None


def _grad_meta(meta: Any, g: Tensor) -> Any:
    if meta is None:
        return None
    shape, d = meta
    g = sum_to(g, shape)
    return g if g.dtype is d else g.to(d)
