"""Arithmetic primitives with broadcasting: forward and backward side by side.

Mirrors: torch.add, sub, mul, div, neg, pow (and their derivatives).  A
broadcast operand's gradient goes back to its own shape through
:mod:`reference_impl.ops.unbroadcast`.  Elementwise functions live in
:mod:`~reference_impl.ops.unary`, comparisons and selection in
:mod:`~reference_impl.ops.compare`, copies in :mod:`~reference_impl.ops.copy`.
"""

from __future__ import annotations

import math
import operator
from itertools import repeat
from typing import Any

from reference_impl import _dtype as dt
from reference_impl.function import Context, Function
from reference_impl.ops._common import (
    binary,
    float_of,
    ieee_div,
    new,
    safe_map,
    unary,
)
from reference_impl.ops.unary import log
from reference_impl.ops.unbroadcast import _grad_for, _grad_meta, _meta
from reference_impl.tensor import Tensor


class Add(Function):
    name = "AddBackward0"

    @staticmethod
    def forward(ctx: Context, a: Any, b: Any, alpha: Any = 1) -> Tensor:
        ctx.a, ctx.b, ctx.alpha = _meta(a), _meta(b), alpha
        if alpha != 1:
            b = b * alpha if not isinstance(b, Tensor) else binary(operator.mul, b, alpha)
        return binary(operator.add, a, b)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (_grad_meta(ctx.a, g), _grad_meta(ctx.b, g if ctx.alpha == 1 else g * ctx.alpha), None)


class Sub(Function):
    name = "SubBackward0"

    @staticmethod
    def forward(ctx: Context, a: Any, b: Any, alpha: Any = 1) -> Tensor:
        ctx.a, ctx.b, ctx.alpha = _meta(a), _meta(b), alpha
        if getattr(a, "dtype", None) is dt.bool_ and getattr(b, "dtype", None) is dt.bool_:
            raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                               "Use the `^` or `logical_xor()` operator instead.")
        if alpha != 1:
            b = b * alpha if not isinstance(b, Tensor) else binary(operator.mul, b, alpha)
        return binary(operator.sub, a, b)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (_grad_meta(ctx.a, g), _grad_meta(ctx.b, -g if ctx.alpha == 1 else g * -ctx.alpha), None)


class Mul(Function):
    name = "MulBackward0"

    @staticmethod
    def forward(ctx: Context, a: Any, b: Any) -> Tensor:
        ta, tb = isinstance(a, Tensor), isinstance(b, Tensor)
        # save only what a gradient needs, so an in-place op on the other operand stays legal
        ctx.save(a if ta and tb and b.requires_grad else None, b if tb and ta and a.requires_grad else None)
        ctx.ta, ctx.tb, ctx.sa, ctx.sb = ta, tb, (None if ta else a), (None if tb else b)
        ctx.ra, ctx.rb = ta and a.requires_grad, tb and b.requires_grad
        ctx.ma, ctx.mb = _meta(a), _meta(b)
        d = dt.result_type(a, b)
        return binary(operator.and_ if d is dt.bool_ else operator.mul, a, b)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        a, b = ctx.saved()
        ga = _grad_meta(ctx.ma, g * (b if ctx.tb else ctx.sb)) if ctx.ra else None
        gb = _grad_meta(ctx.mb, g * (a if ctx.ta else ctx.sa)) if ctx.rb else None
        return ga, gb


class Div(Function):
    name = "DivBackward0"

    @staticmethod
    def forward(ctx: Context, a: Any, b: Any) -> Tensor:
        ta, tb = isinstance(a, Tensor), isinstance(b, Tensor)
        rb = tb and b.requires_grad
        ctx.save(a if ta and rb else None, b if tb else None)
        ctx.sa, ctx.sb, ctx.ma, ctx.mb = a, b, _meta(a), _meta(b)
        ctx.ra, ctx.rb = ta and a.requires_grad, rb
        return binary(operator.truediv, a, b, float_of(dt.result_type(a, b)), ieee_div)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        a, b = ctx.saved()
        bb = b if b is not None else ctx.sb
        aa = a if a is not None else ctx.sa
        ga = _grad_meta(ctx.ma, g / bb) if ctx.ra else None
        gb = _grad_meta(ctx.mb, -g * aa / (bb * bb)) if ctx.rb else None
        return ga, gb


class Neg(Function):
    name = "NegBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        if x.dtype is dt.bool_:
            raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. "
                               "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        return unary(operator.neg, x)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (-g,)


def _pow(a: Any, b: Any) -> Any:
    try:
        r = a ** b
    except ZeroDivisionError:
        return math.inf
    except OverflowError:
        return math.inf
    return math.nan if isinstance(r, complex) else r


class Pow(Function):
    """x ** e for a scalar exponent (PowBackward0)."""

    name = "PowBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, e: Any) -> Tensor:
        ctx.save(x)
        ctx.e = e
        d = dt.result_type(x, e)
        if not d.is_floating_point and isinstance(e, int) and e < 0:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        return new(safe_map(operator.pow, _pow, x._flat(), repeat(e, x.numel())), x._shape, d, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved()
        e = ctx.e
        if e == 0:
            return (g * 0.0, None)
        return (g * (x ** (e - 1)) * e, None)


class PowTensor(Function):
    """a ** b with a tensor exponent (PowBackward1; PowBackward2 for a scalar base)."""

    name = "PowBackward1"

    @staticmethod
    def forward(ctx: Context, a: Any, b: Tensor) -> Tensor:
        if not isinstance(a, Tensor):
            ctx.name = "PowBackward2"
        out = binary(operator.pow, a, b, safe=_pow)
        ctx.save(a if isinstance(a, Tensor) else None, b, out)
        ctx.sa = a
        return out

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        a, b, out = ctx.saved()
        base = a if a is not None else ctx.sa
        ga = _grad_for(a, g * b * base ** (b - 1)) if a is not None and a.requires_grad else None
        log_base = log(base) if isinstance(base, Tensor) else math.log(base) if base > 0 else math.nan
        gb = _grad_for(b, g * out * log_base)
        return ga, gb


# -- the functions the namespace exports -----------------------------------------------------------
def add(a: Any, b: Any, *, alpha: Any = 1) -> Tensor:
    """Mirrors: torch.add(input, other, alpha=1)."""
    return Add.apply(a, b, alpha)


def sub(a: Any, b: Any, *, alpha: Any = 1) -> Tensor:
    """Mirrors: torch.sub."""
    return Sub.apply(a, b, alpha)


def rsub(a: Any, b: Any) -> Tensor:
    """b - a (torch names its node RsubBackward1 for a scalar b)."""
    out = Sub.apply(b, a, 1) if isinstance(b, Tensor) else Add.apply(Neg.apply(a), b, 1)
    return out


def mul(a: Any, b: Any) -> Tensor:
    """Mirrors: torch.mul."""
    return Mul.apply(a, b)


def div(a: Any, b: Any, *, rounding_mode: Any = None) -> Tensor:
    """Mirrors: torch.div (true division unless rounding_mode is 'floor' or 'trunc')."""
    if rounding_mode is None:
        return Div.apply(a, b)
    q = binary(operator.truediv, a, b, float_of(dt.result_type(a, b)), ieee_div)
    q = unary(math.floor if rounding_mode == "floor" else math.trunc, q, safe=lambda v: v)
    return q.to(dt.result_type(a, b))


def floor_divide(a: Any, b: Any) -> Tensor:
    return div(a, b, rounding_mode="floor")


def remainder(a: Any, b: Any) -> Tensor:
    return binary(operator.mod, a, b, safe=lambda x, y: math.nan)


def reciprocal(x: Tensor) -> Tensor:
    return Div.apply(1.0, x) if x.dtype.is_floating_point else Div.apply(1.0, x.to(float_of(x.dtype)))


def neg(x: Tensor) -> Tensor:
    return Neg.apply(x)


def pow(a: Any, b: Any) -> Tensor:  # noqa: A001 - torch's name
    """Mirrors: torch.pow (PowBackward0 for a scalar exponent)."""
    if isinstance(b, Tensor):
        return PowTensor.apply(a, b)
    return Pow.apply(a, b)
