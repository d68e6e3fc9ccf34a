"""Mutants of the indexing and views areas: dims, indices, masks, views and copies."""

from __future__ import annotations

from typing import Any

from tests.mutants import Mutant


def _wrap_method(torch: Any, name: str, make: Any) -> None:
    """Replace torch.Tensor.<name> by make(original)."""
    setattr(torch.Tensor, name, make(getattr(torch.Tensor, name)))


def _is_mask(torch: Any, index: Any) -> bool:
    return isinstance(index, torch.Tensor) and index.dtype == torch.bool


def _dim_off_by_one(torch: Any) -> None:
    _wrap_method(torch, "dim", lambda dim: lambda self: dim(self) + 1)


def _len_counts_columns(torch: Any) -> None:
    torch.Tensor.__len__ = lambda self: self.shape[-1]


def _index_counts_from_one(torch: Any) -> None:
    def shift(entry: Any) -> Any:
        return entry - 1 if type(entry) is int and entry > 0 else entry

    _wrap_method(torch, "__getitem__", lambda getitem: lambda self, index: getitem(
        self, tuple(map(shift, index)) if isinstance(index, tuple) else shift(index)))


def _index_wraps_around(torch: Any) -> None:
    def make(getitem: Any) -> Any:
        def wrapped(self: Any, index: Any) -> Any:
            entries = index if isinstance(index, tuple) else (index,)
            if not any(e is Ellipsis or e is None for e in entries):
                entries = tuple(e % self.shape[d] if type(e) is int else e for d, e in enumerate(entries))
            return getitem(self, entries)
        return wrapped
    _wrap_method(torch, "__getitem__", make)


def _getitem_copies(torch: Any) -> None:
    _wrap_method(torch, "__getitem__", lambda getitem: lambda self, index: getitem(self, index).clone())


def _mask_selects_complement(torch: Any) -> None:
    _wrap_method(torch, "__getitem__", lambda getitem: lambda self, index: getitem(
        self, ~index if _is_mask(torch, index) else index))


def _masked_assignment_ignored(torch: Any) -> None:
    def make(setitem: Any) -> Any:
        def ignoring_masks(self: Any, index: Any, value: Any) -> None:
            if not _is_mask(torch, index):
                setitem(self, index, value)
        return ignoring_masks
    _wrap_method(torch, "__setitem__", make)


def _t_is_identity(torch: Any) -> None:
    torch.Tensor.t = lambda self: self


def _t_accepts_3d(torch: Any) -> None:
    torch.Tensor.t = lambda self: self.transpose(0, 1) if self.dim() >= 2 else self


def _t_in_place(torch: Any) -> None:
    torch.Tensor.t = lambda self: self.t_()


def _unsqueeze_appends(torch: Any) -> None:
    _wrap_method(torch, "unsqueeze", lambda unsqueeze: lambda self, dim: unsqueeze(self, -1))


def _squeeze_is_noop(torch: Any) -> None:
    torch.Tensor.squeeze = lambda self, *a, **k: self


def _reshape_column_major(torch: Any) -> None:
    def make(reshape: Any) -> Any:
        def column_major(self: Any, *shape: Any) -> Any:
            target = reshape(torch.empty(self.numel()), *shape).shape  # resolves -1
            flat = self.permute(*reversed(range(self.dim()))).contiguous().view(-1)
            return flat.view(*reversed(target)).permute(*reversed(range(len(target))))
        return column_major
    _wrap_method(torch, "reshape", make)


def _view_copies(torch: Any) -> None:
    _wrap_method(torch, "view", lambda view: lambda self, *a, **k: view(self, *a, **k).clone())


def _clone_shares_memory(torch: Any) -> None:
    torch.Tensor.clone = lambda self, *a, **k: self.view_as(self)


def _detach_copies(torch: Any) -> None:
    _wrap_method(torch, "detach", lambda detach: lambda self: detach(self).clone())


def _to_always_copies(torch: Any) -> None:
    _wrap_method(torch, "to", lambda to: lambda self, *a, **k: to(self, *a, **k).clone())


def _m(name: str, description: str, patch: Any, *kills: str) -> Mutant:
    return Mutant(name=name, description=description, patch=patch, kills=kills)


MUTANTS: list[Mutant] = [
    _m("dim_off_by_one", "x.dim() counts one dim too many", _dim_off_by_one,
       "indexing.dims.nesting-depth-is-dim", "indexing.dims.doc-examples-0d-to-3d"),
    _m("len_counts_columns", "len(x) is the size of the last dim", _len_counts_columns,
       "indexing.shape.rows-then-columns"),
    _m("index_counts_from_one", "integer indices count from 1 (the document's reading)", _index_counts_from_one,
       "indexing.column.index-1-is-second-column", "indexing.row.index-1-is-second-row",
       "indexing.column.doc-says-index-1-is-first-column", "indexing.row.doc-says-index-1-is-first-row",
       "indexing.basic.ints-and-slices-match-numpy"),
    _m("index_wraps_around", "an index past the end wraps around instead of raising", _index_wraps_around,
       "indexing.basic.out-of-range-raises"),
    _m("getitem_copies", "x[i, :] is a copy, not a view", _getitem_copies, "indexing.basic.row-is-a-view"),
    _m("mask_selects_complement", "x[mask] selects where the mask is False", _mask_selects_complement,
       "indexing.mask.boolean-mask-selects-like-numpy"),
    _m("masked_assignment_ignored", "x[mask] = v does nothing", _masked_assignment_ignored,
       "indexing.mask.masked-assignment-like-numpy"),
    _m("t_is_identity", "g.t() returns g untransposed", _t_is_identity, "views.transpose.t-equals-transpose-0-1"),
    _m("t_accepts_3d", "t() swaps dims 0 and 1 of any tensor", _t_accepts_3d,
       "views.transpose.t-only-for-at-most-2d"),
    _m("t_in_place", "g.t() transposes g in place", _t_in_place, "views.shape.g-shape-is-torch-size-3-2"),
    _m("unsqueeze_appends", "x.unsqueeze(d) always adds the new dim last", _unsqueeze_appends,
       "views.unsqueeze.adds-a-batch-dim", "views.unsqueeze.inserts-size-one-dim"),
    _m("squeeze_is_noop", "x.squeeze() removes nothing", _squeeze_is_noop, "views.squeeze.removes-size-one-dims"),
    _m("reshape_column_major", "x.reshape fills in column-major order", _reshape_column_major,
       "views.reshape.values-match-numpy"),
    _m("view_copies", "x.view(shape) is a copy", _view_copies, "views.view.shares-memory"),
    _m("clone_shares_memory", "x.clone() shares x's memory", _clone_shares_memory, "views.clone.copies-memory"),
    _m("detach_copies", "x.detach() copies", _detach_copies, "views.detach.shares-memory-without-grad"),
    _m("to_always_copies", "x.to(...) copies even when nothing changes", _to_always_copies,
       "views.to.copies-only-when-something-changes"),
]
