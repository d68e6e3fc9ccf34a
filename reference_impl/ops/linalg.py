"""Matrix products: dot, mv, mm, batched matmul with broadcasting, and addmm.

Mirrors: torch.matmul's dispatch by rank (DotBackward0, MvBackward0,
MmBackward0; batched products end in UnsafeViewBackward0) and
torch.nn.functional.linear's AddmmBackward0 for a 2-d input with bias.  The
inner loop is ``sum(map(operator.mul, row, col))`` over pre-split rows and
columns (see :func:`reference_impl._kernels.matmul`).
"""

from __future__ import annotations

from math import prod
from typing import Any

from reference_impl import _dtype as dt
from reference_impl import _kernels as K
from reference_impl.function import Context, Function
from reference_impl.ops._common import common_device, new
from reference_impl.tensor import Tensor


def _check(a: Tensor, b: Tensor) -> dt.dtype:
    common_device(a, b)
    if a.dtype is not b.dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: {_n(a.dtype)} "
                           f"!= {_n(b.dtype)}")
    return a.dtype


def _n(d: dt.dtype) -> str:
    return {"float32": "float", "float64": "double", "int64": "long int", "int32": "int", "int8": "signed char",
            "bool": "bool"}[d.name]


class Mm(Function):
    name = "MmBackward0"

    @staticmethod
    def forward(ctx: Context, a: Tensor, b: Tensor) -> Tensor:
        d = _check(a, b)
        (n, k), (k2, m) = a._shape, b._shape
        if k != k2:
            raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})")
        ctx.save(a if b.requires_grad else None, b if a.requires_grad else None)
        return new(K.matmul(a._flat(), b._flat(), n, k, m), (n, m), d, a.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        a, b = ctx.saved()
        return (mm(g, b.t()) if b is not None else None, mm(a.t(), g) if a is not None else None)


class Dot(Function):
    name = "DotBackward0"

    @staticmethod
    def forward(ctx: Context, a: Tensor, b: Tensor) -> Tensor:
        d = _check(a, b)
        if a._shape != b._shape:
            raise RuntimeError(f"inconsistent tensor size, expected tensor [{a._shape[0]}] and src [{b._shape[0]}] "
                               f"to have the same number of elements, but got {a._shape[0]} and {b._shape[0]} "
                               "elements respectively")
        ctx.save(a, b)
        fa, fb = a._flat(), b._flat()
        import operator
        return new([sum(map(operator.mul, fa, fb))], (), d, a.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        a, b = ctx.saved()
        return (g * b, g * a)


class Mv(Function):
    name = "MvBackward0"

    @staticmethod
    def forward(ctx: Context, a: Tensor, v: Tensor) -> Tensor:
        d = _check(a, v)
        n, k = a._shape
        if v._shape != (k,):
            raise RuntimeError(f"size mismatch, got input ({n}), mat ({n}x{k}), vec ({v._shape[0]})")
        ctx.save(a, v)
        return new(K.matmul(a._flat(), v._flat(), n, k, 1), (n,), d, a.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        a, v = ctx.saved()
        return (g.unsqueeze(1) * v.unsqueeze(0), mv(a.t(), g))


class Bmm(Function):
    """(..., n, k) @ (..., k, m) with broadcast batch dims."""

    name = "UnsafeViewBackward0"

    @staticmethod
    def forward(ctx: Context, a: Tensor, b: Tensor, name: str) -> Tensor:
        from reference_impl.ops.unbroadcast import sum_to  # noqa: F401

        d = _check(a, b)
        ctx.name = name
        n, k = a._shape[-2:]
        k2, m = b._shape[-2:]
        if k != k2:
            raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                               f"[{prod(b._shape[:-2])}, {k}] but got: [{prod(b._shape[:-2])}, {k2}].")
        batch = K.broadcast_shapes(a._shape[:-2], b._shape[:-2])
        fa = K.expand_flat(a._flat(), a._shape, batch + (n, k))
        fb = K.expand_flat(b._flat(), b._shape, batch + (k, m))
        fa = fa if isinstance(fa, list) else list(fa)
        fb = fb if isinstance(fb, list) else list(fb)
        out: list[Any] = []
        for i in range(prod(batch)):
            out.extend(K.matmul(fa[i * n * k:(i + 1) * n * k], fb[i * k * m:(i + 1) * k * m], n, k, m))
        ctx.save(a, b)
        return new(out, batch + (n, m), d, a.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        from reference_impl.ops.unbroadcast import sum_to

        a, b = ctx.saved()
        ga = sum_to(matmul(g, b.transpose(-1, -2)), a._shape) if a.requires_grad else None
        gb = sum_to(matmul(a.transpose(-1, -2), g), b._shape) if b.requires_grad else None
        return (ga, gb, None)


class Addmm(Function):
    """x @ w.T + bias for a 2-d x (F.linear's AddmmBackward0)."""

    name = "AddmmBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, w: Tensor, bias: Tensor) -> Tensor:
        d = _check(x, w)
        common_device(x, bias)
        (n, k), (m, k2) = x._shape, w._shape
        if k != k2:
            raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})")
        ctx.save(x if w.requires_grad else None, w if x.requires_grad else None)
        out = K.matmul_nt(x._flat(), w._flat(), n, k, m)
        fb = K.expand_flat(bias._flat(), bias._shape, (n, m))
        import operator
        return new(list(map(operator.add, out, fb)), (n, m), d, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        from reference_impl.ops.unbroadcast import sum_to

        x, w = ctx.saved()
        return (mm(g, w) if w is not None else None, mm(g.t(), x) if x is not None else None,
                sum_to(g, ctx_bias_shape(g, ctx)))


def ctx_bias_shape(g: Tensor, ctx: Context) -> tuple[int, ...]:
    return ctx.bias_shape  # type: ignore[no-any-return]


def mm(a: Tensor, b: Tensor) -> Tensor:
    """Mirrors: torch.mm (2-d only)."""
    if a.dim() != 2 or b.dim() != 2:
        raise RuntimeError("self must be a matrix" if a.dim() != 2 else "mat2 must be a matrix")
    return Mm.apply(a, b)


def bmm(a: Tensor, b: Tensor) -> Tensor:
    if a.dim() != 3 or b.dim() != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    return Bmm.apply(a, b, "BmmBackward0")


def dot(a: Tensor, b: Tensor) -> Tensor:
    if a.dim() != 1 or b.dim() != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.dim()}D and {b.dim()}D tensors")
    return Dot.apply(a, b)


def mv(a: Tensor, v: Tensor) -> Tensor:
    return Mv.apply(a, v)


def matmul(a: Tensor, b: Tensor) -> Tensor:
    """Mirrors: torch.matmul's rules for 1-d, 2-d and batched operands."""
    if not isinstance(a, Tensor) or not isinstance(b, Tensor):
        raise TypeError("matmul(): argument 'other' (position 1) must be Tensor")
    da, db = a.dim(), b.dim()
    if da == 0 or db == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are {da}D and {db}D")
    if da == 1 and db == 1:
        return Dot.apply(a, b)
    if da == 2 and db == 1:
        return Mv.apply(a, b)
    if da == 1 and db == 2:
        return Mm.apply(a.unsqueeze(0), b).squeeze(0)
    if da == 2 and db == 2:
        return Mm.apply(a, b)
    if db == 1:
        return Bmm.apply(a, b.unsqueeze(1), "UnsafeViewBackward0").squeeze(-1)
    if da == 1:
        return Bmm.apply(a.unsqueeze(0), b, "UnsafeViewBackward0").squeeze(-2)
    return Bmm.apply(a, b, "UnsafeViewBackward0")


def linear(x: Tensor, weight: Tensor, bias: Any = None) -> Tensor:
    """Mirrors: torch.nn.functional.linear: x @ weight.T + bias."""
    if x.dim() == 2 and bias is not None:
        out = _addmm(x, weight, bias)
        return out
    out = matmul(x, weight.t())
    return out + bias if bias is not None else out


class _AddmmWithShape(Addmm):
    @staticmethod
    def forward(ctx: Context, x: Tensor, w: Tensor, bias: Tensor) -> Tensor:
        ctx.bias_shape = bias._shape
        return Addmm.forward(ctx, x, w, bias)


def _addmm(x: Tensor, w: Tensor, bias: Tensor) -> Tensor:
    return _AddmmWithShape.apply(x, w, bias)


def outer(a: Tensor, b: Tensor) -> Tensor:
    return a.unsqueeze(1) * b.unsqueeze(0)
