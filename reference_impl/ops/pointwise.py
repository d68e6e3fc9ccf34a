"""Pointwise primitives with broadcasting: forward and backward side by side.

Mirrors: torch's elementwise ops (add, sub, mul, div, pow, exp, log, sqrt,
abs, sigmoid, tanh, relu, leaky_relu, clamp, maximum, where...) and their
derivatives.  A broadcast operand's gradient is summed back to its own shape
by :func:`sum_to` (the "unbroadcast" adjoint).
"""

from __future__ import annotations

import builtins
import math
import operator
from itertools import repeat
from math import prod
from typing import Any

from reference_impl import _dtype as dt
from reference_impl import _kernels as K
from reference_impl.autograd import Context, Function, node_class
from reference_impl.ops._common import (scalar, common_device, float_of, ieee_div, nan_if_raises, new,
                                        operand_flat, safe_map, shape_of)
from reference_impl.tensor import Tensor


def _binary(fast: Any, a: Any, b: Any, d: dt.dtype | None = None, safe: Any = None) -> Tensor:
    """Apply ``fast`` over the broadcast elements of a and b; result of dtype d."""
    if not isinstance(a, Tensor):
        a = scalar(a)
    if not isinstance(b, Tensor):
        b = scalar(b)
    dev = common_device(a, b)
    shape = K.broadcast_shapes(shape_of(a), shape_of(b))
    out_dtype = d or dt.result_type(a, b)
    fa, fb = operand_flat(a, shape), operand_flat(b, shape)
    values = safe_map(fast, safe, fa, fb) if safe else list(map(fast, fa, fb))
    return new(values, shape, out_dtype, dev)


def _unary(fn: Any, x: Tensor, d: dt.dtype | None = None, safe: Any = None) -> Tensor:
    flat = x._flat()
    values = safe_map(fn, safe, flat) if safe else list(map(fn, flat))
    return new(values, x._shape, d or x.dtype, x.device)


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


class Add(Function):
    name = "AddBackward0"

    @staticmethod
    def forward(ctx: Context, a: Any, b: Any, alpha: Any = 1) -> Tensor:
        ctx.a, ctx.b, ctx.alpha = _meta(a), _meta(b), alpha
        if alpha != 1:
            b = b * alpha if not isinstance(b, Tensor) else _binary(operator.mul, b, alpha)
        return _binary(operator.add, a, b)

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
            b = b * alpha if not isinstance(b, Tensor) else _binary(operator.mul, b, alpha)
        return _binary(operator.sub, a, b)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (_grad_meta(ctx.a, g), _grad_meta(ctx.b, -g if ctx.alpha == 1 else g * -ctx.alpha), None)


def _meta(x: Any) -> Any:
    """What a gradient needs to know of an operand: its shape and dtype."""
    return (x._shape, x.dtype) if isinstance(x, Tensor) else None


def _grad_meta(meta: Any, g: Tensor) -> Any:
    if meta is None:
        return None
    shape, d = meta
    g = sum_to(g, shape)
    return g if g.dtype is d else g.to(d)


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
        return _binary(operator.and_ if d is dt.bool_ else operator.mul, a, b)

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
        return _binary(operator.truediv, a, b, float_of(dt.result_type(a, b)), ieee_div)

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
        return _unary(operator.neg, x)

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
        out = _binary(operator.pow, a, b, safe=_pow)
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


class Exp(Function):
    name = "ExpBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        out = _unary(math.exp, x, float_of(x.dtype), nan_if_raises(math.exp))
        ctx.save(out)
        return out

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (out,) = ctx.saved()
        return (g * out,)


def _log(v: float) -> float:
    if v > 0:
        return math.log(v)
    return -math.inf if v == 0 else math.nan


class Log(Function):
    name = "LogBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        ctx.save(x)
        return _unary(math.log, x, float_of(x.dtype), _log)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved()
        return (g / x,)


class Sqrt(Function):
    name = "SqrtBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        out = _unary(math.sqrt, x, float_of(x.dtype), nan_if_raises(math.sqrt))
        ctx.save(out)
        return out

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (out,) = ctx.saved()
        return (g / (out * 2),)


class Abs(Function):
    name = "AbsBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        ctx.save(x)
        return _unary(builtins.abs, x)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved()
        return (g * sign(x),)


def _sigmoid(v: float) -> float:
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


class Sigmoid(Function):
    name = "SigmoidBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        out = _unary(_sigmoid, x, float_of(x.dtype))
        ctx.save(out)
        return out

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (out,) = ctx.saved()
        return (g * out * (1 - out),)


class Tanh(Function):
    name = "TanhBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        out = _unary(math.tanh, x, float_of(x.dtype))
        ctx.save(out)
        return out

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (out,) = ctx.saved()
        return (g * (1 - out * out),)


class Relu(Function):
    name = "ReluBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        zero = 0.0 if x.dtype.is_floating_point else 0
        out = new(list(map(max, x._flat(), repeat(zero, x.numel()))), x._shape, x.dtype, x.device)
        ctx.save(out)
        return out

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (out,) = ctx.saved()
        return (g * (out > 0),)


class LeakyRelu(Function):
    name = "LeakyReluBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, slope: float) -> Tensor:
        ctx.save(x)
        ctx.slope = slope
        return _unary(lambda v: v if v > 0 else v * slope, x)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved()
        return (g * where(x > 0, 1.0, ctx.slope), None)


class Clamp(Function):
    name = "ClampBackward1"

    @staticmethod
    def forward(ctx: Context, x: Tensor, lo: Any, hi: Any) -> Tensor:
        if lo is None and hi is None:
            raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
        ctx.save(x)
        ctx.lo, ctx.hi = lo, hi
        flat = x._flat()
        n = x.numel()
        values: Any = flat
        if lo is not None:
            values = map(max, values, repeat(lo, n))
        if hi is not None:
            values = map(min, values, repeat(hi, n))
        return new(list(values), x._shape, dt.result_type(x, lo if lo is not None else hi), x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved()
        keep: Any = True
        if ctx.lo is not None:
            keep = x >= ctx.lo
        if ctx.hi is not None:
            keep = (x <= ctx.hi) if keep is True else logical_and(keep, x <= ctx.hi)
        return (g * keep, None, None)


class Maximum(Function):
    name = "MaximumBackward0"

    @staticmethod
    def forward(ctx: Context, a: Tensor, b: Tensor, pick_max: bool) -> Tensor:
        ctx.name = "MaximumBackward0" if pick_max else "MinimumBackward0"
        ctx.save(a, b)
        ctx.pick_max = pick_max
        return _binary(max if pick_max else min, a, b)

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
        values = [x if k else y for k, x, y in zip(c, fa, fb)]
        return new(values, shape, dt.result_type(a, b), dev)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (cond,) = ctx.saved()
        zero = g.new_zeros(())
        return (None, _grad_meta(ctx.a, where(cond, g, zero)), _grad_meta(ctx.b, where(cond, zero, g)))


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
    q = _binary(operator.truediv, a, b, float_of(dt.result_type(a, b)), ieee_div)
    q = _unary(math.floor if rounding_mode == "floor" else math.trunc, q, safe=lambda v: v)
    return q.to(dt.result_type(a, b))


def floor_divide(a: Any, b: Any) -> Tensor:
    return div(a, b, rounding_mode="floor")


def remainder(a: Any, b: Any) -> Tensor:
    return _binary(operator.mod, a, b, safe=lambda x, y: math.nan)


def reciprocal(x: Tensor) -> Tensor:
    return Div.apply(1.0, x) if x.dtype.is_floating_point else Div.apply(1.0, x.to(float_of(x.dtype)))


def neg(x: Tensor) -> Tensor:
    return Neg.apply(x)


def pow(a: Any, b: Any) -> Tensor:  # noqa: A001 - torch's name
    """Mirrors: torch.pow (PowBackward0 for a scalar exponent)."""
    if isinstance(b, Tensor):
        return PowTensor.apply(a, b)
    return Pow.apply(a, b)


def exp(x: Tensor) -> Tensor:
    return Exp.apply(x)


def log(x: Tensor) -> Tensor:
    return Log.apply(x)


def sqrt(x: Tensor) -> Tensor:
    return Sqrt.apply(x)


def abs(x: Tensor) -> Tensor:  # noqa: A001
    return Abs.apply(x)


def sigmoid(x: Tensor) -> Tensor:
    return Sigmoid.apply(x)


def tanh(x: Tensor) -> Tensor:
    return Tanh.apply(x)


def relu(x: Tensor) -> Tensor:
    return Relu.apply(x)


def leaky_relu(x: Tensor, negative_slope: float = 0.01) -> Tensor:
    return LeakyRelu.apply(x, negative_slope)


def clamp(x: Tensor, min: Any = None, max: Any = None) -> Tensor:  # noqa: A002
    return Clamp.apply(x, min, max)


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


def sign(x: Tensor) -> Tensor:
    return _unary(lambda v: (v > 0) - (v < 0), x)


def floor(x: Tensor) -> Tensor:
    return _unary(math.floor, x, safe=lambda v: v) if x.dtype.is_floating_point else x.clone()


def ceil(x: Tensor) -> Tensor:
    return _unary(math.ceil, x, safe=lambda v: v) if x.dtype.is_floating_point else x.clone()


def round(x: Tensor, decimals: int = 0) -> Tensor:  # noqa: A001
    """Mirrors: torch.round (half to even, as Python's round)."""
    return _unary(lambda v: float(builtins.round(v, decimals)), x, safe=lambda v: v)


class Sin(Function):
    name = "SinBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        ctx.save(x)
        return _unary(math.sin, x, float_of(x.dtype), nan_if_raises(math.sin))

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved()
        return (g * cos(x),)


class Cos(Function):
    name = "CosBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        ctx.save(x)
        return _unary(math.cos, x, float_of(x.dtype), nan_if_raises(math.cos))

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved()
        return (-g * sin(x),)


def sin(x: Tensor) -> Tensor:
    return Sin.apply(x)


def cos(x: Tensor) -> Tensor:
    return Cos.apply(x)


def _compare(fn: Any) -> Any:
    def op(a: Any, b: Any) -> Tensor:
        return _binary(fn, a, b, dt.bool_)
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
    return _unary(operator.not_, x, dt.bool_)


def isnan(x: Tensor) -> Tensor:
    return _unary(lambda v: v != v, x, dt.bool_)


def isfinite(x: Tensor) -> Tensor:
    return _unary(lambda v: v == v and v not in (math.inf, -math.inf), x, dt.bool_)


def equal(a: Tensor, b: Tensor) -> bool:
    """Mirrors: torch.equal: same shape and same values."""
    return a._shape == b._shape and list(a._flat()) == list(b._flat())


def allclose(a: Tensor, b: Any, rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False) -> bool:
    bb = b if isinstance(b, Tensor) else Tensor._of([b], (), a.dtype, a.device)
    shape = K.broadcast_shapes(a._shape, bb._shape)
    return builtins.all((x == y) or (equal_nan and x != x and y != y) or builtins_abs(x - y) <= atol + rtol * builtins_abs(y)
               for x, y in zip(operand_flat(a, shape), operand_flat(bb, shape)))


builtins_abs = builtins.abs


def clone(x: Tensor) -> Tensor:
    return Clone.apply(x)


def prod_shape(shape: tuple[int, ...]) -> int:
    return prod(shape)
