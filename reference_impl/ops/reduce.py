"""Reductions: sum, mean, max/min (with indices), and what composes from them.

Mirrors: torch.sum / mean / max / min / amax / argmax and their gradients;
``dim`` may be an int or a tuple, ``keepdim`` keeps reduced axes as size 1.
torch names the node of a full reduction ``SumBackward0`` / ``MeanBackward0`` /
``MaxBackward1`` and of a reduction over dims ``SumBackward1`` /
``MeanBackward1`` / ``MaxBackward0``.
"""

from __future__ import annotations

import builtins
import math
from collections import namedtuple
from typing import Any

from reference_impl import _dtype as dt
from reference_impl import _kernels as K
from reference_impl.function import Context, Function
from reference_impl.ops._common import dims_of, new, wrap_dim
from reference_impl.tensor import Tensor

_values_indices = namedtuple("_values_indices", ["values", "indices"])


class torch_return_types:  # noqa: N801 - torch's module name
    """Mirrors: torch.return_types.max / min (a named pair values, indices)."""

    max = _values_indices
    min = _values_indices


def _kept_shape(shape: tuple[int, ...], dims: tuple[int, ...], keepdim: bool) -> tuple[int, ...]:
    if keepdim:
        return tuple(1 if i in dims else s for i, s in enumerate(shape))
    return tuple(s for i, s in enumerate(shape) if i not in dims)


def _sum_flat(x: Tensor, dims: tuple[int, ...]) -> list[Any]:
    flat = x._flat()
    shape = list(x._shape)
    if len(dims) == len(shape):
        return [builtins.sum(flat)]
    for d in sorted(dims, reverse=True):
        flat = K.sum_dim(flat, shape, d)
        shape[d] = 1
    return flat if isinstance(flat, list) else list(flat)


def _grad_back(g: Tensor, in_shape: tuple[int, ...], dims: tuple[int, ...], keepdim: bool) -> Tensor:
    """A reduced gradient broadcast back over the reduced dims."""
    from reference_impl.ops.unbroadcast import expand_to

    kshape = _kept_shape(in_shape, dims, True)
    if not keepdim:
        g = g.reshape(kshape)
    return expand_to(g, in_shape)


class Sum(Function):
    name = "SumBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, dim: Any, keepdim: bool, d: Any) -> Tensor:
        dims = dims_of(dim, x.dim())
        ctx.name = "SumBackward0" if dim is None else "SumBackward1"
        ctx.shape, ctx.dims, ctx.keepdim = x._shape, dims, keepdim
        out_dtype = d or (x.dtype if x.dtype.is_floating_point else dt.int64)
        return new(_sum_flat(x, dims), _kept_shape(x._shape, dims, keepdim), out_dtype, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (_grad_back(g, ctx.shape, ctx.dims, ctx.keepdim), None, None, None)


class Mean(Function):
    name = "MeanBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, dim: Any, keepdim: bool, d: Any) -> Tensor:
        out_dtype = d or x.dtype
        if not out_dtype.is_floating_point:
            raise RuntimeError("mean(): could not infer output dtype. Input dtype must be either a floating "
                               f"point or complex dtype. Got: {x.type_name()[6:-6]}")
        dims = dims_of(dim, x.dim())
        ctx.name = "MeanBackward0" if dim is None else "MeanBackward1"
        n = math.prod(x._shape[i] for i in dims)
        ctx.shape, ctx.dims, ctx.keepdim, ctx.n = x._shape, dims, keepdim, n
        values = [v / n if n else math.nan for v in _sum_flat(x, dims)]
        return new(values, _kept_shape(x._shape, dims, keepdim), out_dtype, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (_grad_back(g / ctx.n, ctx.shape, ctx.dims, ctx.keepdim), None, None, None)


def _rows_along(x: Tensor, dims: tuple[int, ...]) -> tuple[list[Any], tuple[int, ...], int]:
    flat, kept, row = K.move_dims_last(x._flat(), x._shape, dims)
    return K.rows(flat, row) if row else [[] for _ in range(math.prod(kept))], kept, row


class MaxAll(Function):
    """max() / min() of all elements (MaxBackward1 / MinBackward1)."""

    name = "MaxBackward1"

    @staticmethod
    def forward(ctx: Context, x: Tensor, largest: bool) -> Tensor:
        if x.numel() == 0:
            raise RuntimeError("max(): Expected reduction dim to be specified for input.numel() == 0. "
                               "Specify the reduction dim with the 'dim' argument.")
        ctx.name = "MaxBackward1" if largest else "MinBackward1"
        flat = x._flat()
        m = (builtins.max if largest else builtins.min)(flat)
        if builtins.any(v != v for v in flat):
            m = math.nan
        ctx.save(x)
        ctx.m = m
        return new([m], (), x.dtype, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved()
        mask = x == ctx.m
        return (g * mask / mask.sum(), None)


class MaxDim(Function):
    """max(dim) / min(dim) values, the gradient routed to the chosen index."""

    name = "MaxBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, dim: int, keepdim: bool, largest: bool) -> Tensor:
        d = wrap_dim(dim, x.dim())
        ctx.name = "MaxBackward0" if largest else "MinBackward0"
        if x.dim() and x._shape[d] == 0:
            raise IndexError(f"max(): Expected reduction dim {d} to have non-zero size.")
        rows, kept, _ = _rows_along(x, (d,) if x.dim() else ())
        pick = builtins.max if largest else builtins.min
        idx = [r.index(pick(r)) for r in rows]
        ctx.indices = idx
        ctx.shape, ctx.d, ctx.keepdim = x._shape, d, keepdim
        shape = _kept_shape(x._shape, (d,), keepdim) if x.dim() else ()
        ctx.out_indices = new(idx, shape, dt.int64, x.device)
        return new([r[i] for r, i in zip(rows, idx, strict=False)], shape, x.dtype, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        from reference_impl import creation
        from reference_impl.ops.index import scatter_along

        if not ctx.shape:
            return (g.reshape(()), None, None, None)
        gk = g if ctx.keepdim else g.unsqueeze(ctx.d)
        idx = ctx.out_indices if ctx.keepdim else ctx.out_indices.unsqueeze(ctx.d)
        base = creation.zeros(ctx.shape, dtype=g.dtype, device=g.device)
        return (scatter_along(base, ctx.d, idx, gk), None, None, None)


def sum(x: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:  # noqa: A001
    """Mirrors: torch.sum."""
    return Sum.apply(x, dim, keepdim, dtype)


def mean(x: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    """Mirrors: torch.mean (floating inputs only)."""
    return Mean.apply(x, dim, keepdim, dtype)


def _max_min(x: Tensor, dim: Any, keepdim: bool, largest: bool) -> Any:
    if isinstance(dim, Tensor):
        from reference_impl.ops.compare import maximum, minimum
        return (maximum if largest else minimum)(x, dim)
    if dim is None:
        return MaxAll.apply(x, largest)
    values = MaxDim.apply(x, dim, keepdim, largest)
    indices = argmax(x, dim, keepdim) if largest else argmin(x, dim, keepdim)
    return _values_indices(values, indices)


def max(x: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    """Mirrors: torch.max: the largest value, or (values, indices) along ``dim``."""
    return _max_min(x, dim, keepdim, True)


def min(x: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    """Mirrors: torch.min."""
    return _max_min(x, dim, keepdim, False)


def amax(x: Tensor, dim: Any = (), keepdim: bool = False) -> Tensor:
    dims = dims_of(dim, x.dim())
    out = x
    for d in sorted(dims, reverse=True):
        out = MaxDim.apply(out, d, True, True)
    return out if keepdim else out.reshape(_kept_shape(x._shape, dims, False))


def amin(x: Tensor, dim: Any = (), keepdim: bool = False) -> Tensor:
    return -amax(-x, dim, keepdim)


def _arg(x: Tensor, dim: Any, keepdim: bool, largest: bool) -> Tensor:
    pick = builtins.max if largest else builtins.min
    if dim is None:
        flat = list(x._flat())
        i = flat.index(pick(flat))
        return new([i], (1,) * x.dim() if keepdim else (), dt.int64, x.device)
    d = wrap_dim(dim, x.dim())
    rows, kept, _ = _rows_along(x, (d,) if x.dim() else ())
    idx = [r.index(pick(r)) for r in rows]
    return new(idx, _kept_shape(x._shape, (d,), keepdim) if x.dim() else (), dt.int64, x.device)


def argmax(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    """Mirrors: torch.argmax (the first index of the maximum)."""
    return _arg(x, dim, keepdim, True)


def argmin(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    return _arg(x, dim, keepdim, False)


def prod(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    """Mirrors: torch.prod (composed: exp(sum(log|x|)) would lose signs, so direct, no grad)."""
    dims = dims_of(dim, x.dim())
    rows, kept, _ = _rows_along(x, dims)
    values = [math.prod(r) for r in rows]
    d = x.dtype if x.dtype.is_floating_point else dt.int64
    return new(values, _kept_shape(x._shape, dims, keepdim), d, x.device)


def var(x: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *, correction: Any = None) -> Tensor:
    """Mirrors: torch.var (Bessel's correction by default)."""
    if correction is None:
        correction = 1 if unbiased is None or unbiased else 0
    dims = dims_of(dim, x.dim())
    n = math.prod(x._shape[i] for i in dims)
    centered = x - mean(x, dims, True)
    return sum(centered * centered, dims, keepdim) / (n - correction)


def std(x: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *, correction: Any = None) -> Tensor:
    return var(x, dim, unbiased, keepdim, correction=correction).sqrt()


def norm(x: Tensor, p: Any = "fro", dim: Any = None, keepdim: bool = False) -> Tensor:
    if p in ("fro", 2):
        return (x * x).sum(dim, keepdim).sqrt()
    if p == 1:
        return x.abs().sum(dim, keepdim)
    return (x.abs() ** p).sum(dim, keepdim) ** (1.0 / p)


def logsumexp(x: Tensor, dim: Any, keepdim: bool = False) -> Tensor:
    m = amax(x, dim, True).detach()
    out = (x - m).exp().sum(dim, True).log() + m
    return out if keepdim else out.squeeze(dim) if isinstance(dim, int) else out.reshape(
        _kept_shape(x._shape, dims_of(dim, x.dim()), False))


def all(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    dims = dims_of(dim, x.dim())
    rows, _, _ = _rows_along(x, dims)
    return new([builtins.all(r) for r in rows], _kept_shape(x._shape, dims, keepdim), dt.bool_, x.device)


def any(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    dims = dims_of(dim, x.dim())
    rows, _, _ = _rows_along(x, dims)
    return new([builtins.any(r) for r in rows], _kept_shape(x._shape, dims, keepdim), dt.bool_, x.device)


def cumsum(x: Tensor, dim: int) -> Tensor:
    """Mirrors: torch.cumsum (no gradient recorded)."""
    from itertools import accumulate

    d = wrap_dim(dim, x.dim())
    moved = x.transpose(d, -1).contiguous() if x.dim() else x.reshape(1)
    rows = K.rows(moved._flat(), moved._shape[-1] if moved._shape else 1)
    out = new([v for r in rows for v in accumulate(r)], moved._shape, x.dtype if x.dtype.is_floating_point
              else dt.int64, x.device)
    return out.transpose(d, -1).contiguous() if x.dim() else out.reshape(())
