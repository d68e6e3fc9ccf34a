"""Indexing: ``x[key]`` and ``x[key] = value`` for ints, slices, None, ``...``,
boolean masks and integer tensors or lists.

Mirrors: torch's basic indexing (ints, slices, None and Ellipsis give a view
sharing storage: SelectBackward0 / SliceBackward0) and advanced indexing
(masks and index tensors give a copy: IndexBackward0).  Every key is turned
into per-output-dimension lists of element offsets, so one routine computes
the positions for reading, writing and scattering gradients back.
"""

from __future__ import annotations

from math import prod
from typing import Any

from reference_impl import _dtype as dt
from reference_impl import _kernels as K
from reference_impl.function import Context, Function
from reference_impl.ops._common import common_device, new, operand_flat, wrap_dim
from reference_impl.tensor import Tensor


def _is_advanced(k: Any) -> bool:
    return isinstance(k, (Tensor, list)) or (hasattr(k, "__array__") and hasattr(k, "dtype"))


def _normalize(x: Tensor, key: Any) -> list[Any]:
    """The key as a list with Ellipsis expanded and masks split into index lists."""
    if not isinstance(key, tuple):
        key = (key,)
    key = [k.tolist() if hasattr(k, "__array__") and hasattr(k, "dtype") and not isinstance(k, Tensor) else k
           for k in key]
    consumed = 0
    for k in key:
        if k is None or k is Ellipsis:
            continue
        if isinstance(k, Tensor) and k.dtype is dt.bool_:
            consumed += max(k.dim(), 1) if k.dim() else 0
        elif isinstance(k, list) and k and all(isinstance(v, bool) for v in k):
            consumed += 1
        else:
            consumed += 1
    if consumed > x.dim():
        raise IndexError(f"too many indices for tensor of dimension {x.dim()}")
    out: list[Any] = []
    seen_ellipsis = False
    for k in key:
        if k is Ellipsis:
            if seen_ellipsis:
                raise IndexError("an index can only have a single ellipsis ('...')")
            seen_ellipsis = True
            out.extend([slice(None)] * (x.dim() - consumed))
        else:
            out.append(k)
    return out


def _index_lists(mask: Any) -> list[list[int]]:
    """A boolean mask -> one list of indices per masked dim (torch's nonzero)."""
    if not isinstance(mask, Tensor):
        mask = Tensor._of(mask, (len(mask),), dt.bool_)
    flat = mask._flat()
    hits = [i for i, v in enumerate(flat) if v]
    strides = K.contiguous_strides(mask._shape)
    return [[(h // s) % side for h in hits] for side, s in zip(mask._shape, strides, strict=False)]


def plan(x: Tensor, key: Any, strides: tuple[int, ...], offset: int) -> tuple[list[int], tuple[int, ...], bool, Any]:
    """Positions (under ``strides``/``offset``) of the elements ``x[key]`` selects.

    Returns (positions, result shape, whether advanced indexing was used,
    (shape, strides, offset) of the view for basic indexing).
    """
    key = _normalize(x, key)
    comps: list[tuple[tuple[int, ...], list[int]]] = []  # (shape, offsets) per output component
    view_shape: list[int] = []
    view_strides: list[int] = []
    adv: list[tuple[int, list[int]]] = []  # (input dim, index list)
    adv_shapes: list[tuple[int, ...]] = []
    adv_pos: list[int] = []
    dim = 0
    base = offset
    for k in key:
        if k is None:
            comps.append(((1,), [0]))
            view_shape.append(1)
            view_strides.append(0)
            continue
        if isinstance(k, (Tensor, list)) and (getattr(k, "dtype", None) is dt.bool_ or (
                isinstance(k, list) and k and all(isinstance(v, bool) for v in k))):
            lists = _index_lists(k)
            mshape = k._shape if isinstance(k, Tensor) else (len(k),)
            for i, side in enumerate(mshape):
                if x._shape[dim + i] != side:
                    raise IndexError(f"The shape of the mask {list(mshape)} at index {i} does not match the shape "
                                     f"of the indexed tensor {list(x._shape)} at index {dim + i}")
            if not mshape:
                lists = []
            adv_pos.append(len(comps))
            comps.append(((), []))
            for lst in lists:
                adv.append((dim, lst))
                adv_shapes.append((len(lst),))
                dim += 1
            if not mshape:  # a 0-d bool: adds a dim of size 1 or 0
                adv.append((-1, [0] if k.item() else []))
                adv_shapes.append((1 if k.item() else 0,))
            continue
        if _is_advanced(k):
            idx = k if isinstance(k, Tensor) else Tensor._of(k, _list_shape(k), dt.int64)
            if idx.dtype.is_floating_point:
                raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
            side = x._shape[dim]
            values = [v + side if v < 0 else v for v in idx._flat()]
            for v in values:
                if not 0 <= v < side:
                    raise IndexError(f"index {v - side if v >= side else v} is out of bounds for dimension {dim} "
                                     f"with size {side}")
            adv_pos.append(len(comps))
            comps.append(((), []))
            adv.append((dim, values))
            adv_shapes.append(idx._shape)
            dim += 1
            continue
        if isinstance(k, Tensor):
            k = k.item()
        if isinstance(k, bool):
            raise IndexError("boolean index must be a tensor")
        if isinstance(k, int):
            side = x._shape[dim]
            if not -side <= k < side:
                raise IndexError(f"index {k} is out of bounds for dimension {dim} with size {side}")
            base += (k + side if k < 0 else k) * strides[dim]
            dim += 1
            continue
        if isinstance(k, slice):
            if k.step is not None and k.step <= 0:
                raise ValueError("step must be greater than zero")
            start, stop, step = k.indices(x._shape[dim])
            r = range(start, stop, step)
            comps.append(((len(r),), [i * strides[dim] for i in r]))
            view_shape.append(len(r))
            view_strides.append(strides[dim] * step)
            base += start * strides[dim] if len(r) else 0
            dim += 1
            continue
        raise IndexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are "
                         "valid indices (got " + type(k).__name__ + ")")
    for d in range(dim, x.dim()):
        comps.append(((x._shape[d],), [i * strides[d] for i in range(x._shape[d])]))
        view_shape.append(x._shape[d])
        view_strides.append(strides[d])
    if not adv:
        shape = tuple(view_shape)
        return [], shape, False, (shape, tuple(view_strides), _view_offset(x, key, offset))
    bshape = K.broadcast_shapes(*adv_shapes)
    n = prod(bshape)
    group = [0] * n
    for (d, lst), s in zip(adv, adv_shapes, strict=False):
        step = strides[d] if d >= 0 else 0
        expanded = K.expand_flat(lst, s, bshape) if s != bshape else lst
        group = [g + v * step for g, v in zip(group, expanded, strict=False)]
    adjacent = adv_pos == list(range(adv_pos[0], adv_pos[0] + len(adv_pos)))
    comps = [c for c in comps if c[0] != () or c[1] != []]
    first = adv_pos[0] - sum(1 for p in adv_pos[1:] if p < adv_pos[0]) if adjacent else 0
    comps.insert(first, (bshape, group))
    positions = [base]
    out_shape: list[int] = []
    for shape, offs in comps:
        out_shape.extend(shape)
        positions = [p + o for p in positions for o in offs]
    return positions, tuple(out_shape), True, None


def _view_offset(x: Tensor, key: list[Any], offset: int) -> int:
    base = offset
    dim = 0
    for k in key:
        if k is None:
            continue
        if isinstance(k, Tensor):
            k = k.item()
        if isinstance(k, int):
            side = x._shape[dim]
            base += (k + side if k < 0 else k) * x._strides[dim]
        elif isinstance(k, slice):
            start, stop, step = k.indices(x._shape[dim])
            if len(range(start, stop, step)):
                base += start * x._strides[dim]
        dim += 1
    return base


def _list_shape(v: Any) -> tuple[int, ...]:
    shape = []
    while isinstance(v, list):
        shape.append(len(v))
        v = v[0] if v else None
    return tuple(shape)


class BasicIndex(Function):
    """x[ints, slices, None, ...]: a view (SelectBackward0 / SliceBackward0)."""

    name = "SliceBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, key: Any, view: Any) -> Tensor:
        ctx.shape, ctx.key = x._shape, key
        keys = key if isinstance(key, tuple) else (key,)
        ctx.name = "SelectBackward0" if any(isinstance(k, int) for k in keys) else (
            "UnsqueezeBackward0" if all(k is None for k in keys) else "SliceBackward0")
        shape, strides, offset = view
        return x._view(shape, strides, offset)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        from reference_impl import creation

        out = creation.zeros(ctx.shape, dtype=g.dtype, device=g.device)
        out[ctx.key] = g
        return (out, None, None)


class AdvancedIndex(Function):
    """x[mask] or x[index tensor]: a gathered copy (IndexBackward0)."""

    name = "IndexBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, positions: list[int], shape: tuple[int, ...]) -> Tensor:
        ctx.positions, ctx.shape = positions, x._shape
        return new(K.gather(x._flat(), positions), shape, x.dtype, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        acc = [0.0] * prod(ctx.shape)
        for p, v in zip(ctx.positions, g._flat(), strict=False):
            acc[p] += v
        return (new(acc, ctx.shape, g.dtype, g.device), None, None)


def getitem(x: Tensor, key: Any) -> Tensor:
    """Mirrors: Tensor.__getitem__."""
    if x.dim() == 0 and key is not None and key is not Ellipsis and not (isinstance(key, tuple) and all(
            k is None or k is Ellipsis for k in key)) and not isinstance(key, Tensor):
        raise IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` "
                         "in C++ to convert a 0-dim tensor to a number")
    positions, shape, advanced, view = plan(x, key, K.contiguous_strides(x._shape), 0)
    if not advanced:
        positions_view = plan(x, key, x._strides, x._offset)[3]
        return BasicIndex.apply(x, key, positions_view)
    return AdvancedIndex.apply(x, positions, shape)


def setitem(x: Tensor, key: Any, value: Any) -> None:
    """Mirrors: Tensor.__setitem__ (an in-place write; value broadcast to the selection)."""
    from reference_impl.ops.inplace import check_inplace, record_inplace

    check_inplace(x)
    positions, shape, advanced, view = plan(x, key, x._strides, x._offset)
    if not advanced:
        positions = K.strided_indices(view[0], view[1], view[2])
        shape = view[0]
    if isinstance(value, Tensor):
        common_device(x, value)
        if tuple(value._shape) != shape:
            K.broadcast_shapes(value._shape, shape)
            lead = len(value._shape) - len(shape)
            if lead > 0 and all(s == 1 for s in value._shape[:lead]):
                value = value.reshape(value._shape[lead:])
        values = operand_flat(value, shape)
        if value.dtype.is_floating_point and not x.dtype.is_floating_point:
            values = [int(v) for v in values]
    else:
        values = operand_flat(value, shape)
    buf = dt.storage(x.dtype, values)
    data = x._st.data
    for p, v in zip(positions, buf, strict=False):
        data[p] = v
    x._st.version += 1
    if isinstance(value, Tensor) and value.requires_grad or x.requires_grad:
        record_inplace(x, key, value)


def nonzero(x: Tensor) -> Tensor:
    """Mirrors: torch.nonzero: (n, ndim) int64 indices of the nonzero elements."""
    lists = _index_lists(x.bool() if x.dtype is not dt.bool_ else x) if x.dim() else []
    n = len(lists[0]) if lists else 0
    values = [lst[i] for i in range(n) for lst in lists]
    return new(values, (n, x.dim()), dt.int64, x.device)


def index_select(x: Tensor, dim: int, index: Tensor) -> Tensor:
    """Mirrors: torch.index_select."""
    d = wrap_dim(dim, x.dim())
    return x[(slice(None),) * d + (index.reshape(-1),)]


def scatter_along(base: Tensor, dim: int, index: Tensor, src: Tensor) -> Tensor:
    """``base`` with ``src`` added at ``index`` along ``dim`` (scatter_add, not recorded)."""
    out = list(base._flat())
    strides = K.contiguous_strides(base._shape)
    d = wrap_dim(dim, base.dim())
    idx_strides = K.contiguous_strides(index._shape)
    for flat_i, (ix, v) in enumerate(zip(index._flat(), src._flat(), strict=False)):
        pos = 0
        for axis, (s, bs) in enumerate(zip(idx_strides, strides, strict=False)):
            coord = (flat_i // s) % index._shape[axis] if index._shape[axis] else 0
            pos += (ix if axis == d else coord) * bs
        out[pos] += v
    return new(out, base._shape, base.dtype, base.device)


class Gather(Function):
    name = "GatherBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, dim: int, index: Tensor) -> Tensor:
        d = wrap_dim(dim, x.dim())
        strides = K.contiguous_strides(x._shape)
        istr = K.contiguous_strides(index._shape)
        flat = x._flat()
        vals = []
        for fi, ix in enumerate(index._flat()):
            pos = 0
            for axis, (s, bs) in enumerate(zip(istr, strides, strict=False)):
                pos += (ix if axis == d else (fi // s) % index._shape[axis]) * bs
            vals.append(flat[pos])
        ctx.shape, ctx.d, ctx.index = x._shape, d, index
        return new(vals, index._shape, x.dtype, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        from reference_impl import creation
        base = creation.zeros(ctx.shape, dtype=g.dtype, device=g.device)
        return (scatter_along(base, ctx.d, ctx.index, g), None, None)


def gather(x: Tensor, dim: int, index: Tensor) -> Tensor:
    """Mirrors: torch.gather."""
    return Gather.apply(x, dim, index)
