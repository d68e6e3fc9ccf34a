"""Loops over flat row-major buffers: the hot path, written for CPython speed.

Every function here takes and returns flat sequences (lists or arrays) plus
shapes; none knows about tensors or autograd.  Inner loops use ``map`` with
``operator`` functions, slicing and ``zip`` so the per-element work runs in C.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from itertools import chain, repeat
from math import prod
from typing import Any

Shape = tuple[int, ...]
Flat = Any  # a list or array of numbers, row-major


def contiguous_strides(shape: Sequence[int]) -> Shape:
    """Row-major strides in elements (torch's Tensor.stride() of a fresh tensor)."""
    strides = []
    step = 1
    for side in reversed(shape):
        strides.append(step)
        step *= max(side, 1)
    return tuple(reversed(strides))


def strided_indices(shape: Sequence[int], strides: Sequence[int], offset: int) -> list[int]:
    """Storage positions of a strided view's elements, in row-major order."""
    idx = [offset]
    for side, stride in zip(shape, strides, strict=False):
        steps = [k * stride for k in range(side)]
        idx = [i + s for i in idx for s in steps]
    return idx


def broadcast_shapes(*shapes: Sequence[int]) -> Shape:
    """numpy's broadcast rule; RuntimeError worded as torch's for a mismatch.

    Mirrors: torch.broadcast_shapes.
    """
    ndim = max((len(s) for s in shapes), default=0)
    out = [1] * ndim
    for s in shapes:
        for i, side in enumerate(s, ndim - len(s)):
            if side == 1:
                continue
            if out[i] == 1:
                out[i] = side
            elif out[i] != side:
                a, b = shapes[0], shapes[-1]
                raise RuntimeError(
                    f"The size of tensor a ({_side(a, i, ndim)}) must match the size of tensor b "
                    f"({_side(b, i, ndim)}) at non-singleton dimension {i}")
    return tuple(out)


def _side(shape: Sequence[int], i: int, ndim: int) -> int:
    j = i - (ndim - len(shape))
    return shape[j] if j >= 0 else 1


def expand_flat(flat: Flat, shape: Sequence[int], out_shape: Sequence[int]) -> Flat:
    """Repeat ``flat`` (row-major of ``shape``) along broadcast dims to ``out_shape``."""
    shape = (1,) * (len(out_shape) - len(shape)) + tuple(shape)
    if tuple(shape) == tuple(out_shape):
        return flat
    cur = flat if isinstance(flat, list) else list(flat)
    block = 1
    for side, want in zip(reversed(shape), reversed(out_shape), strict=False):
        if side != want:
            if block == 1:
                cur = list(chain.from_iterable(map(repeat, cur, repeat(want))))
            else:
                chunks = [cur[i:i + block] for i in range(0, len(cur), block)]
                cur = list(chain.from_iterable(c * want for c in chunks))
        block *= want
    return cur


def sum_dim(flat: Flat, shape: Sequence[int], dim: int) -> list[Any]:
    """Sum over one axis of a row-major buffer (the axis is dropped)."""
    outer = prod(shape[:dim])
    n = shape[dim]
    inner = prod(shape[dim + 1:])
    if n == 1:
        return list(flat)
    if inner == 1:
        return [sum(flat[i:i + n]) for i in range(0, outer * n, n)]
    out: list[Any] = []
    span = n * inner
    for base in range(0, outer * span, span):
        out.extend(map(sum, zip(*[flat[base + k:base + k + inner] for k in range(0, span, inner)], strict=False)))
    return out


def reduce_to_shape(flat: Flat, shape: Sequence[int], target: Sequence[int]) -> Flat:
    """Sum a broadcast result back to ``target`` (the adjoint of :func:`expand_flat`)."""
    shape = tuple(shape)
    lead = len(shape) - len(target)
    cur = flat
    cur_shape = list(shape)
    for dim in range(len(shape) - 1, -1, -1):
        want = 1 if dim < lead else target[dim - lead]
        if cur_shape[dim] != want:
            cur = sum_dim(cur, cur_shape, dim)
            cur_shape[dim] = 1
    return cur


def move_dims_last(flat: Flat, shape: Sequence[int], dims: Sequence[int]) -> tuple[Flat, Shape, int]:
    """Permute so ``dims`` come last: (buffer, kept shape, row length of the moved dims)."""
    keep = [d for d in range(len(shape)) if d not in dims]
    order = keep + list(dims)
    kept = tuple(shape[d] for d in keep)
    row = prod(shape[d] for d in dims)
    if order == list(range(len(shape))):
        return flat, kept, row
    strides = contiguous_strides(shape)
    idx = strided_indices([shape[d] for d in order], [strides[d] for d in order], 0)
    return gather(flat, idx), kept, row


def gather(flat: Flat, idx: list[int]) -> list[Any]:
    """``[flat[i] for i in idx]``, at C speed."""
    if not idx:
        return []
    if len(idx) == 1:
        return [flat[idx[0]]]
    return list(operator.itemgetter(*idx)(flat))


def rows(flat: Flat, width: int) -> list[Any]:
    """Split a buffer into consecutive lists of ``width`` elements."""
    if not isinstance(flat, list):
        flat = list(flat)
    return [flat[i:i + width] for i in range(0, len(flat), width)]


def matmul(a: Flat, b: Flat, n: int, k: int, m: int) -> list[Any]:
    """(n, k) @ (k, m) on row-major buffers: each output is a C-level dot product."""
    a_rows = rows(a, k) if k else [[] for _ in range(n)]
    bl = b if isinstance(b, list) else list(b)
    cols = [bl[j::m] for j in range(m)]
    mul = operator.mul
    return [sum(map(mul, r, c)) for r in a_rows for c in cols]


def matmul_nt(a: Flat, b: Flat, n: int, k: int, m: int) -> list[Any]:
    """(n, k) @ (m, k)^T: both operands already hold rows of length k."""
    a_rows = rows(a, k)
    b_rows = rows(b, k)
    mul = operator.mul
    return [sum(map(mul, r, c)) for r in a_rows for c in b_rows]


def transpose2d(a: Flat, n: int, m: int) -> list[Any]:
    """Row-major (n, m) -> row-major (m, n)."""
    al = a if isinstance(a, list) else list(a)
    return list(chain.from_iterable(al[j::m] for j in range(m)))


def unary(fn: Callable[[Any], Any], flat: Flat) -> list[Any]:
    return list(map(fn, flat))


def binary(fn: Callable[[Any, Any], Any], a: Flat, b: Flat) -> list[Any]:
    return list(map(fn, a, b))
