"""Shape primitives: views that share storage, and copies that join tensors.

Mirrors: torch.Tensor.view / reshape / flatten / squeeze / unsqueeze /
permute / transpose / t / expand (views: same storage, new shape and
strides) and torch.cat / stack (new storage).  Each backward undoes the
reshaping of the gradient.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import prod
from typing import Any

from reference_impl import _kernels as K
from reference_impl.function import Context, Function
from reference_impl.ops._common import common_device, new, wrap_dim
from reference_impl.tensor import Tensor


def _infer(shape: Sequence[Any], numel: int) -> tuple[int, ...]:
    """Resolve one -1 in a requested shape.  Mirrors: torch's infer_size."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = shape[0]
    shape = [int(s) for s in shape]
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = prod(s for s in shape if s != -1)
    if -1 in shape:
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
        shape[shape.index(-1)] = numel // known
    if prod(shape) != numel:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
    return tuple(shape)


class View(Function):
    name = "ViewBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, shape: tuple[int, ...]) -> Tensor:
        ctx.shape = x._shape
        if not x._contig:
            raise RuntimeError("view size is not compatible with input tensor's size and stride (at least one "
                               "dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
        return x._view(shape, K.contiguous_strides(shape), x._offset)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (g.reshape(ctx.shape), None)


class CopyReshape(Function):
    """reshape of a non-contiguous tensor: a copy (UnsafeViewBackward0)."""

    name = "UnsafeViewBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, shape: tuple[int, ...]) -> Tensor:
        ctx.shape = x._shape
        return Tensor._of(x._flat(), shape, x.dtype, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (g.reshape(ctx.shape), None)


class Restride(Function):
    """A view with new shape and strides (permute, squeeze, unsqueeze, expand)."""

    name = "PermuteBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, name: str, shape: tuple[int, ...], strides: tuple[int, ...],
                undo: Any) -> Tensor:
        ctx.name, ctx.undo = name, undo
        return x._view(shape, strides, x._offset)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (ctx.undo(g), None, None, None, None)


def view(x: Tensor, shape: Sequence[Any]) -> Tensor:
    """Mirrors: Tensor.view (contiguous inputs only here)."""
    return View.apply(x, _infer(shape, x.numel()))


def reshape(x: Tensor, shape: Sequence[Any]) -> Tensor:
    """Mirrors: torch.reshape: a view when possible, else a copy."""
    shape = _infer(shape, x.numel())
    return View.apply(x, shape) if x._contig else CopyReshape.apply(x, shape)


def flatten(x: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    """Mirrors: torch.flatten (a 0-d tensor becomes 1-d)."""
    if x.dim() == 0:
        return reshape(x, (1,))
    s, e = wrap_dim(start_dim, x.dim()), wrap_dim(end_dim, x.dim())
    if s > e:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if s == e:
        return x
    shape = x._shape[:s] + (prod(x._shape[s:e + 1]),) + x._shape[e + 1:]
    return reshape(x, shape)


def unflatten(x: Tensor, dim: int, sizes: Sequence[int]) -> Tensor:
    d = wrap_dim(dim, x.dim())
    inner = _infer(sizes, x._shape[d])
    return reshape(x, x._shape[:d] + inner + x._shape[d + 1:])


def permute(x: Tensor, dims: Sequence[Any], name: str = "PermuteBackward0") -> Tensor:
    """Mirrors: torch.permute (a view)."""
    if len(dims) == 1 and isinstance(dims[0], (tuple, list)):
        dims = dims[0]
    n = x.dim()
    if len(dims) != n:
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not match the "
                           f"length of the desired ordering of dimensions i.e. input.dim() = {n} is not equal to "
                           f"len(dims) = {len(dims)}")
    order = [wrap_dim(d, n) for d in dims]
    if sorted(order) != list(range(n)):
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    inverse = [order.index(i) for i in range(n)]
    return Restride.apply(x, name, tuple(x._shape[d] for d in order), tuple(x._strides[d] for d in order),
                          lambda g: permute(g, inverse))


def transpose(x: Tensor, d0: int, d1: int) -> Tensor:
    """Mirrors: torch.transpose (TransposeBackward0)."""
    n = x.dim()
    if n == 0:
        return Restride.apply(x, "TransposeBackward0", (), (), lambda g: g)
    a, b = wrap_dim(d0, n), wrap_dim(d1, n)
    order = list(range(n))
    order[a], order[b] = order[b], order[a]
    return permute(x, order, "TransposeBackward0")


def t(x: Tensor) -> Tensor:
    """Mirrors: torch.t: transpose of a matrix; 0-d and 1-d tensors unchanged."""
    if x.dim() > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {x.dim()}D")
    if x.dim() < 2:
        return Restride.apply(x, "TBackward0", x._shape, x._strides, lambda g: g)
    return permute(x, (1, 0), "TBackward0")


def squeeze(x: Tensor, dim: Any = None) -> Tensor:
    """Mirrors: torch.squeeze (SqueezeBackward0 for all dims, 1 for one)."""
    if dim is None:
        keep = [i for i, s in enumerate(x._shape) if s != 1]
        name = "SqueezeBackward0"
    else:
        dims = {wrap_dim(d, x.dim()) for d in (dim if isinstance(dim, (tuple, list)) else (dim,))}
        keep = [i for i, s in enumerate(x._shape) if not (i in dims and s == 1)]
        name = "SqueezeBackward1" if isinstance(dim, int) else "SqueezeBackward2"
    shape = x._shape
    return Restride.apply(x, name, tuple(shape[i] for i in keep), tuple(x._strides[i] for i in keep),
                          lambda g: g.reshape(shape))


def unsqueeze(x: Tensor, dim: int) -> Tensor:
    """Mirrors: torch.unsqueeze."""
    d = wrap_dim(dim, x.dim() + 1)
    shape, strides = list(x._shape), list(x._strides)
    stride = strides[d] * shape[d] if d < len(shape) else 1
    shape.insert(d, 1)
    strides.insert(d, stride)
    orig = x._shape
    return Restride.apply(x, "UnsqueezeBackward0", tuple(shape), tuple(strides), lambda g: g.reshape(orig))


def expand(x: Tensor, sizes: Sequence[Any]) -> Tensor:
    """Mirrors: Tensor.expand (stride 0 along broadcast dims; -1 keeps a side)."""
    from reference_impl.ops.unbroadcast import sum_to

    if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)):
        sizes = sizes[0]
    sizes = tuple(int(s) for s in sizes)
    lead = len(sizes) - x.dim()
    if lead < 0:
        raise RuntimeError(f"expand(torch.FloatTensor{{{list(x._shape)}}}, size={list(sizes)}): the number of "
                           "sizes provided ({len(sizes)}) must be greater or equal to the number of dimensions "
                           f"in the tensor ({x.dim()})")
    shape, strides = [], []
    for i, want in enumerate(sizes):
        if i < lead:
            shape.append(want)
            strides.append(0)
            continue
        have, stride = x._shape[i - lead], x._strides[i - lead]
        if want == -1 or want == have:
            shape.append(have)
            strides.append(stride)
        elif have == 1:
            shape.append(want)
            strides.append(0)
        else:
            raise RuntimeError(f"The expanded size of the tensor ({want}) must match the existing size ({have}) "
                               f"at non-singleton dimension {i}.  Target sizes: {list(sizes)}.  Tensor sizes: "
                               f"{list(x._shape)}")
    orig = x._shape
    if tuple(shape) == orig:
        return Restride.apply(x, "ExpandBackward0", orig, x._strides, lambda g: g)
    return Restride.apply(x, "ExpandBackward0", tuple(shape), tuple(strides), lambda g: sum_to(g, orig))


def contiguous(x: Tensor) -> Tensor:
    """Mirrors: Tensor.contiguous (self when already contiguous)."""
    if x._contig:
        return x
    from reference_impl.ops.copy import clone
    return clone(x)


def repeat(x: Tensor, sizes: Sequence[Any]) -> Tensor:
    if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)):
        sizes = sizes[0]
    lead = len(sizes) - x.dim()
    y = x.reshape((1,) * lead + x._shape)
    shape = []
    for i, r in enumerate(sizes):
        y = y.unsqueeze(2 * i)
        shape += [r, y._shape[2 * i + 1]]
    return y.expand(shape).reshape(tuple(r * s for r, s in zip(sizes, y._shape[1::2], strict=False)))


class Cat(Function):
    name = "CatBackward0"

    @staticmethod
    def forward(ctx: Context, dim: int, *xs: Tensor) -> Tensor:
        ref = next((x for x in xs if x.dim() > 0), xs[0])
        d = wrap_dim(dim, ref.dim())
        xs = tuple(x for x in xs if not (x.dim() == 1 and x._shape[0] == 0)) or xs[:1]
        for x in xs:
            if x.dim() != ref.dim():
                raise RuntimeError(f"Tensors must have same number of dimensions: got {ref.dim()} and {x.dim()}")
            for i, (a, b) in enumerate(zip(x._shape, ref._shape, strict=False)):
                if i != d and a != b:
                    raise RuntimeError(f"Sizes of tensors must match except in dimension {d}. Expected size {b} "
                                       f"but got size {a} for tensor number {xs.index(x)} in the list.")
        dev = common_device(*xs)
        from reference_impl import _dtype as dt
        out_dtype = dt.result_type(*xs)
        ctx.d, ctx.sizes = d, [x._shape[d] for x in xs]
        outer = prod(ref._shape[:d])
        blocks = [(list(x._flat()), prod(x._shape[d:])) for x in xs]
        out: list[Any] = []
        for o in range(outer):
            for flat, blk in blocks:
                out.extend(flat[o * blk:(o + 1) * blk])
        shape = ref._shape[:d] + (sum(ctx.sizes),) + ref._shape[d + 1:]
        return new(out, shape, out_dtype, dev)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        return (None,) + tuple(split(g, ctx.sizes, ctx.d))


def cat(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Mirrors: torch.cat."""
    if len(tensors) == 0:
        raise RuntimeError("torch.cat(): expected a non-empty list of Tensors")
    return Cat.apply(dim, *tensors)


concat = concatenate = cat


def stack(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Mirrors: torch.stack (StackBackward0): all shapes equal."""
    if len(tensors) == 0:
        raise RuntimeError("stack expects a non-empty TensorList")
    shape = tensors[0]._shape
    for i, x in enumerate(tensors):
        if x._shape != shape:
            raise RuntimeError(f"stack expects each tensor to be equal size, but got {list(shape)} at entry 0 "
                               f"and {list(x._shape)} at entry {i}")
    d = wrap_dim(dim, len(shape) + 1)
    out = Cat.apply(d, *[unsqueeze(x, d) for x in tensors])
    if out.grad_fn is not None:
        from reference_impl.function import node_class
        out.grad_fn.__class__ = node_class("StackBackward0")
    return out


def narrow(x: Tensor, dim: int, start: int, length: int) -> Tensor:
    d = wrap_dim(dim, x.dim())
    key = (slice(None),) * d + (slice(start, start + length),)
    return x[key]


def split(x: Tensor, size: Any, dim: int = 0) -> tuple[Tensor, ...]:
    """Mirrors: torch.split (an int chunk size or a list of sizes)."""
    d = wrap_dim(dim, x.dim())
    n = x._shape[d]
    sizes = [min(size, n - i) for i in range(0, n, size)] if isinstance(size, int) else list(size)
    if isinstance(size, int) and n == 0:
        sizes = [0]
    if sum(sizes) != n:
        raise RuntimeError(f"split_with_sizes expects split_sizes to sum exactly to {n} (input tensor's size at "
                           f"dimension {d}), but got split_sizes={sizes}")
    out, start = [], 0
    for s in sizes:
        out.append(narrow(x, d, start, s))
        start += s
    return tuple(out)


def chunk(x: Tensor, chunks: int, dim: int = 0) -> tuple[Tensor, ...]:
    n = x._shape[wrap_dim(dim, x.dim())]
    return split(x, max(1, -(-n // chunks)), dim)


def unbind(x: Tensor, dim: int = 0) -> tuple[Tensor, ...]:
    d = wrap_dim(dim, x.dim())
    return tuple(x[(slice(None),) * d + (i,)] for i in range(x._shape[d]))


def flip(x: Tensor, dims: Any) -> Tensor:
    """Mirrors: torch.flip (a copy, reversed along ``dims``)."""
    for d in ((dims,) if isinstance(dims, int) else dims):
        d = wrap_dim(d, x.dim())
        x = x[(slice(None),) * d + (list(range(x._shape[d] - 1, -1, -1)),)]
    return x
