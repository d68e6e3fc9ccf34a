"""Elementwise functions of one tensor: forward and backward side by side.

Mirrors: torch.exp, log, sqrt, abs, sigmoid, tanh, relu, leaky_relu, clamp,
sin, cos, sign, floor, ceil, round.
"""

from __future__ import annotations

import builtins
import math
from itertools import repeat
from typing import Any

from reference_impl import _dtype as dt
from reference_impl.function import Context, Function
from reference_impl.ops._common import (
    float_of,
    nan_if_raises,
    new,
    unary,
)
from reference_impl.ops.compare import logical_and, where
from reference_impl.tensor import Tensor


class Exp(Function):
    name = "ExpBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        out = unary(math.exp, x, float_of(x.dtype), nan_if_raises(math.exp))
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
        return unary(math.log, x, float_of(x.dtype), _log)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved()
        return (g / x,)


class Sqrt(Function):
    name = "SqrtBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        out = unary(math.sqrt, x, float_of(x.dtype), nan_if_raises(math.sqrt))
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
        return unary(builtins.abs, x)

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
        out = unary(_sigmoid, x, float_of(x.dtype))
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
        out = unary(math.tanh, x, float_of(x.dtype))
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
        return unary(lambda v: v if v > 0 else v * slope, x)

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


def sign(x: Tensor) -> Tensor:
    return unary(lambda v: (v > 0) - (v < 0), x)


def floor(x: Tensor) -> Tensor:
    return unary(math.floor, x, safe=lambda v: v) if x.dtype.is_floating_point else x.clone()


def ceil(x: Tensor) -> Tensor:
    return unary(math.ceil, x, safe=lambda v: v) if x.dtype.is_floating_point else x.clone()


def round(x: Tensor, decimals: int = 0) -> Tensor:  # noqa: A001
    """Mirrors: torch.round (half to even, as Python's round)."""
    return unary(lambda v: float(builtins.round(v, decimals)), x, safe=lambda v: v)


class Sin(Function):
    name = "SinBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        ctx.save(x)
        return unary(math.sin, x, float_of(x.dtype), nan_if_raises(math.sin))

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved()
        return (g * cos(x),)


class Cos(Function):
    name = "CosBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor) -> Tensor:
        ctx.save(x)
        return unary(math.cos, x, float_of(x.dtype), nan_if_raises(math.cos))

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved()
        return (-g * sin(x),)


def sin(x: Tensor) -> Tensor:
    return Sin.apply(x)


def cos(x: Tensor) -> Tensor:
    return Cos.apply(x)
