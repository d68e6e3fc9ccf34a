"""Comparisons, logical ops and selection: eq/lt/..., maximum, where, masked_fill, allclose.

Mirrors: torch's comparison ops (bool results), torch.maximum/minimum (the
gradient split evenly on ties), torch.where and Tensor.masked_fill.
"""

from __future__ import annotations

import builtins
import math
import operator
from typing import Any

from reference_impl import _dtype as dt
from reference_impl import _kernels as K
from reference_impl.function import Context, Function, node_class
from reference_impl.ops._common import (
    binary,
    common_device,
    new,
    operand_flat,
    shape_of,
    unary,
)
from reference_impl.ops.unbroadcast import _grad_for, _grad_meta, _meta
from reference_impl.tensor import Tensor


class Maximum(Function):
    name = "MaximumBackward0"

    @staticmethod
    def forward(ctx: Context, a: Tensor, b: Tensor, pick_max: bool) -> Tensor:
        ctx.name = "MaximumBackward0" if pick_max else "MinimumBackward0"
        ctx.save(a, b)
        ctx.pick_max = pick_max
        return binary(max if pick_max else min, a, b)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        a, b = ctx.saved()
        first = (a > b) if ctx.pick_max else (a < b)
        tie = (a == b) * 0.5
        wa = first + tie
        return _grad_for(a, g * wa), _grad_for(b, g * (1 - wa)), None


class Where(Function):
    name = "WhereBackward0"

    @staticmethod
    def forward(ctx: Context, cond: Tensor, a: Any, b: Any) -> Tensor:
        ctx.save(cond)
        ctx.a, ctx.b = _meta(a), _meta(b)
        dev = common_device(cond, a, b)
        shape = K.broadcast_shapes(cond._shape, shape_of(a), shape_of(b))
        c = operand_flat(cond, shape)
        fa, fb = operand_flat(a, shape), operand_flat(b, shape)
        values = [x if k else y for k, x, y in zip(c, fa, fb, strict=False)]
        return new(values, shape, dt.result_type(a, b), dev)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (cond,) = ctx.saved()
        zero = g.new_zeros(())
        return (None, _grad_meta(ctx.a, where(cond, g, zero)), _grad_meta(ctx.b, where(cond, zero, g)))


def maximum(a: Tensor, b: Tensor) -> Tensor:
    return Maximum.apply(a, b, True)


def minimum(a: Tensor, b: Tensor) -> Tensor:
    return Maximum.apply(a, b, False)


def where(cond: Tensor, a: Any = None, b: Any = None) -> Any:
    """Mirrors: torch.where(condition, input, other)."""
    if a is None and b is None:
        from reference_impl.ops.index import nonzero
        return tuple(nonzero(cond).t())
    return Where.apply(cond, a, b)


def masked_fill(x: Tensor, mask: Tensor, value: Any) -> Tensor:
    """Mirrors: Tensor.masked_fill (mask must be bool)."""
    if mask.dtype is not dt.bool_:
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype {mask.dtype.name}")
    value = value.item() if isinstance(value, Tensor) else value
    out = Where.apply(mask, Tensor._of([value], (), x.dtype, x.device), x)
    if out.grad_fn is not None:
        out.grad_fn.__class__ = node_class("MaskedFillBackward0")
    return out


def _compare(fn: Any) -> Any:
    def op(a: Any, b: Any) -> Tensor:
        return binary(fn, a, b, dt.bool_)
    return op


eq = _compare(operator.eq)
ne = _compare(operator.ne)
lt = _compare(operator.lt)
le = _compare(operator.le)
gt = _compare(operator.gt)
ge = _compare(operator.ge)
logical_and = _compare(lambda a, b: bool(a) and bool(b))
logical_or = _compare(lambda a, b: bool(a) or bool(b))
logical_xor = _compare(lambda a, b: bool(a) != bool(b))


def logical_not(x: Tensor) -> Tensor:
    return unary(operator.not_, x, dt.bool_)


def isnan(x: Tensor) -> Tensor:
    return unary(lambda v: v != v, x, dt.bool_)


def isfinite(x: Tensor) -> Tensor:
    return unary(lambda v: v == v and v not in (math.inf, -math.inf), x, dt.bool_)


def equal(a: Tensor, b: Tensor) -> bool:
    """Mirrors: torch.equal: same shape and same values."""
    return a._shape == b._shape and list(a._flat()) == list(b._flat())


def allclose(a: Tensor, b: Any, rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False) -> bool:
    bb = b if isinstance(b, Tensor) else Tensor._of([b], (), a.dtype, a.device)
    shape = K.broadcast_shapes(a._shape, bb._shape)
    return builtins.all((x == y) or (equal_nan and x != x and y != y)
                        or builtins_abs(x - y) <= atol + rtol * builtins_abs(y)
               for x, y in zip(operand_flat(a, shape), operand_flat(bb, shape), strict=False))


builtins_abs = builtins.abs
