"""In-place operations: the result written into the tensor's own storage.

Mirrors: torch's in-place semantics: under grad mode a leaf that requires
grad refuses in-place changes; the storage version is bumped (so saved
tensors that went stale are detected at backward); a non-leaf takes the
new node as its ``grad_fn``; the result dtype must be castable to the
tensor's own (no float into an int tensor).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reference_impl import _dtype as dt
from reference_impl import autograd
from reference_impl.function import Context, Function
from reference_impl.ops._common import operand_flat
from reference_impl.tensor import Tensor


def check_inplace(x: Tensor) -> None:
    """Mirrors: torch's check_inplace for leaves that require grad."""
    if autograd.is_grad_enabled() and x.requires_grad and x.grad_fn is None:
        raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")


def _castable(src: dt.dtype, dst: dt.dtype) -> bool:
    return dt.category(src) <= dt.category(dst)


def inplace(x: Tensor, fn: Callable[..., Tensor], *args: Any, **kwargs: Any) -> Tensor:
    """``x = fn(x, *args)`` written into x's storage; x keeps its identity."""
    check_inplace(x)
    out = fn(x, *args, **kwargs)
    if not _castable(out.dtype, x.dtype):
        raise RuntimeError(f"result type {_type(out.dtype)} can't be cast to the desired output type {_type(x.dtype)}")
    if out._shape != x._shape:
        raise RuntimeError(f"output with shape {list(x._shape)} doesn't match the broadcast shape {list(out._shape)}")
    _store(x, out)
    if out.grad_fn is not None:
        x.grad_fn = out.grad_fn
        x._requires_grad = True
    return x


def _type(d: dt.dtype) -> str:
    return {"float32": "Float", "float64": "Double", "int64": "Long", "int32": "Int", "int8": "Char",
            "bool": "Bool"}[d.name]


def _store(x: Tensor, src: Tensor) -> None:
    values = src._flat()
    if src.dtype.is_floating_point and not x.dtype.is_floating_point:
        values = [int(v) for v in values]
    x._write(values)


class CopyFrom(Function):
    """``x.copy_(src)``: x's old value is overwritten, src's gradient is summed to its shape."""

    name = "CopyBackwards"

    @staticmethod
    def forward(ctx: Context, x: Tensor, src: Tensor) -> Tensor:
        ctx.shape, ctx.d, ctx.dev = src._shape, src.dtype, src.device
        values = operand_flat(src, x._shape)
        if src.dtype.is_floating_point and not x.dtype.is_floating_point:
            values = [int(v) for v in values]
        return Tensor._of(values, x._shape, x.dtype, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        from reference_impl.ops.unbroadcast import sum_to
        return (g * 0, sum_to(g, ctx.shape).to(ctx.dev, ctx.d))


def copy_(x: Tensor, src: Any) -> Tensor:
    """Mirrors: Tensor.copy_ (broadcasts src, casts its dtype, may cross devices)."""
    check_inplace(x)
    if not isinstance(src, Tensor):
        src = Tensor._of([src], (), x.dtype, x.device)
    from reference_impl import _kernels as K
    if K.broadcast_shapes(src._shape, x._shape) != x._shape:
        raise RuntimeError(f"output with shape {list(x._shape)} doesn't match the broadcast shape "
                           f"{list(K.broadcast_shapes(src._shape, x._shape))}")
    if src.device != x.device:
        src = src.to(x.device)
    out = CopyFrom.apply(x, src)
    x._write(out._flat())
    if out.grad_fn is not None:
        x.grad_fn = out.grad_fn
        x._requires_grad = True
    return x


def fill_(x: Tensor, value: Any) -> Tensor:
    """Mirrors: Tensor.fill_ / zero_."""
    check_inplace(x)
    if isinstance(value, Tensor):
        value = value.item()
    if not x.dtype.is_floating_point and isinstance(value, float):
        value = int(value)
    x._write([value] * x.numel())
    return x


def random_fill_(x: Tensor, kind: str, a: Any, b: Any, generator: Any) -> Tensor:
    """uniform_ / normal_ / bernoulli_ / random_ drawn from ``generator`` (default: the global one)."""
    from reference_impl import random as rnd

    check_inplace(x)
    gen = generator or rnd.default_generator
    n = x.numel()
    if kind == "uniform":
        values = [a + (b - a) * u for u in gen.uniform_list(n, x.dtype)]
    elif kind == "normal":
        values = gen.normal_list(n, a, b)
    elif kind == "bernoulli":
        values = [1.0 if u < a else 0.0 for u in gen.uniform_list(n, dt.float64)]
    else:
        low, high = (0, a) if b is None else (a, b)
        values = gen.integers(n, low, high)
    x._write(values)
    return x


class SetItem(Function):
    """``x[key] = value`` on a tensor in the graph (CopySlices)."""

    name = "CopySlices"

    @staticmethod
    def forward(ctx: Context, prev: Tensor, value: Any, key: Any, x: Tensor) -> Tensor:
        ctx.key = key
        ctx.meta = (value._shape, value.dtype) if isinstance(value, Tensor) else None
        return x._alias()

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        from reference_impl.ops.unbroadcast import _grad_meta
        g_prev = g.clone()
        g_prev[ctx.key] = 0
        g_value = _grad_meta(ctx.meta, g[ctx.key]) if ctx.meta is not None else None
        return (g_prev, g_value, None, None)


def record_inplace(x: Tensor, key: Any, value: Any) -> None:
    """Attach the CopySlices node after ``x[key] = value`` wrote into x."""
    if not autograd.is_grad_enabled():
        return
    prev = x._alias()
    prev.grad_fn, prev._requires_grad, prev._accumulator = x.grad_fn, x.requires_grad, x._accumulator
    out = SetItem.apply(prev, value, key, x)
    x.grad_fn = out.grad_fn
    x._requires_grad = True


def reshape_(x: Tensor, shape: Any) -> Tensor:
    x._init_keep_autograd(x.reshape(shape).detach())
    return x


def resize_(x: Tensor, size: Any) -> Tensor:
    from reference_impl import creation
    fresh = creation.zeros(*size, dtype=x.dtype, device=x.device)
    n = min(fresh.numel(), x.numel())
    fresh._write(list(x._flat()[:n]) + [0] * (fresh.numel() - n))
    x._init_keep_autograd(fresh)
    return x
