"""The Tensor: a flat array-module buffer seen through shape, strides and offset.

Mirrors: torch.Tensor.  Data lives in a :class:`Storage` (an ``array.array``,
or a ``memoryview`` onto a numpy array for ``from_numpy``) shared by views;
``shape``/``strides``/``offset`` say which elements a tensor sees.  The
storage's version counter is bumped by every in-place write, as torch's is,
so that autograd can refuse stale saved tensors.  Arithmetic, reductions and
shape methods are one-line delegations to :mod:`reference_impl.ops`.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator, Sequence
from math import prod
from typing import Any

from reference_impl import _dtype as dt
from reference_impl import _kernels as K
from reference_impl import autograd, tensor_methods
from reference_impl.device import CPU, device


class Storage:
    """A flat buffer, its device and the version counter its views share."""

    __slots__ = ("data", "device", "version")

    def __init__(self, data: Any, dev: device) -> None:
        self.data = data
        self.device = dev
        self.version = 0


class Size(tuple):  # type: ignore[type-arg]
    """Mirrors: torch.Size, a tuple subclass printed as ``torch.Size([2, 3])``."""

    def __repr__(self) -> str:
        return f"torch.Size({list(self)!r})"

    def numel(self) -> int:
        return prod(self)

    def __getitem__(self, key: Any) -> Any:
        out = tuple.__getitem__(self, key)
        return Size(out) if isinstance(key, slice) else out

    def __add__(self, other: Any) -> Size:
        return Size(tuple(self) + tuple(other))


def _parse_size(args: Sequence[Any]) -> tuple[int, ...]:
    """``f(2, 3)`` or ``f((2, 3))`` or ``f([2, 3])`` -> (2, 3)."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        args = args[0]
    for a in args:
        if not isinstance(a, int) or isinstance(a, bool):
            raise TypeError(f"expected a sequence of integers as the size, got {type(a).__name__}")
        if a < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {a}: {list(args)}")
    return tuple(int(a) for a in args)


class Tensor(tensor_methods.TensorMethods):
    """A multi-dimensional array with autograd.

    Mirrors: torch.Tensor.  ``Tensor(2, 3)`` is an uninitialised float tensor
    and ``Tensor([1, 2])`` a float tensor of the data, as in torch.
    """

    __array_priority__ = 1000

    def __init__(self, *args: Any, device: Any = None) -> None:
        from reference_impl import creation

        if len(args) == 1 and not isinstance(args[0], int):
            src = creation.tensor(args[0], dtype=dt.get_default_dtype(), device=device)
        else:
            src = creation.zeros(*args, device=device)
        self._init_from(src._st, src._shape, src.dtype)

    def _init_from(self, st: Storage, shape: tuple[int, ...], d: dt.dtype,
                   strides: tuple[int, ...] | None = None, offset: int = 0, base: Tensor | None = None) -> None:
        self._st = st
        self._shape = shape
        self._strides = K.contiguous_strides(shape) if strides is None else strides
        self._offset = offset
        self.dtype = d
        self._requires_grad = False
        self.grad: Tensor | None = None
        self.grad_fn: autograd.Node | None = None
        self._accumulator: autograd.AccumulateGrad | None = None
        self._base = base
        self._hooks: list[Callable[..., Any]] = []
        n = prod(shape)
        self._contig = (strides is None or self._strides == K.contiguous_strides(shape)) and \
            offset + n <= len(st.data)
        self._whole = self._contig and offset == 0 and n == len(st.data)

    @classmethod
    def _wrap(cls, data: Any, shape: tuple[int, ...], d: dt.dtype, dev: device = CPU) -> Tensor:
        """A fresh tensor owning ``data`` (already of ``d``'s array type)."""
        t = object.__new__(cls)
        t._init_from(Storage(data, dev), shape, d)
        return t

    @classmethod
    def _of(cls, values: Any, shape: tuple[int, ...], d: dt.dtype, dev: device = CPU) -> Tensor:
        """A fresh tensor of Python values, rounded or wrapped to ``d`` on store."""
        return cls._wrap(dt.storage(d, values), shape, d, dev)

    def _view(self, shape: tuple[int, ...], strides: tuple[int, ...], offset: int) -> Tensor:
        """A tensor sharing this storage (no autograd: ops record the view)."""
        t = object.__new__(Tensor)
        t._init_from(self._st, shape, self.dtype, strides, offset, self._base if self._base is not None else self)
        return t

    def _alias(self) -> Tensor:
        return self._view(self._shape, self._strides, self._offset)

    # -- flat access ---------------------------------------------------------------------------
    def _flat(self) -> Any:
        """The elements in row-major order (the storage itself when it can be)."""
        if self._whole:
            return self._st.data
        if self._contig:
            return self._st.data[self._offset:self._offset + prod(self._shape)]
        return K.gather(self._st.data, self._positions())

    def _positions(self) -> list[int]:
        return K.strided_indices(self._shape, self._strides, self._offset)

    def _write(self, values: Any) -> None:
        """Store row-major ``values`` into the elements this tensor sees (in place)."""
        data = self._st.data
        if self._contig:
            n = prod(self._shape)
            data[self._offset:self._offset + n] = dt.storage(self.dtype, values) if not (
                type(values) is type(data) and getattr(values, "typecode", None) == self.dtype.typecode) else values
        else:
            buf = dt.storage(self.dtype, values)
            for i, v in zip(self._positions(), buf, strict=False):
                data[i] = v
        self._st.version += 1

    @property
    def _version(self) -> int:
        return self._st.version

    # -- attributes ----------------------------------------------------------------------------
    @property
    def shape(self) -> Size:
        return Size(self._shape)

    def size(self, dim: int | None = None) -> Any:
        if dim is None:
            return Size(self._shape)
        return self._shape[_wrap_dim(dim, self.dim())]

    def stride(self, dim: int | None = None) -> Any:
        return self._strides if dim is None else self._strides[_wrap_dim(dim, self.dim())]

    def storage_offset(self) -> int:
        return self._offset

    def dim(self) -> int:
        return len(self._shape)

    ndim = property(dim)

    def numel(self) -> int:
        return prod(self._shape)

    nelement = numel

    def element_size(self) -> int:
        return self.dtype.itemsize

    def is_contiguous(self, memory_format: Any = None) -> bool:
        return self._contig

    def is_floating_point(self) -> bool:
        return self.dtype.is_floating_point

    @property
    def device(self) -> device:
        return self._st.device

    @property
    def is_cuda(self) -> bool:
        return False

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    @property
    def requires_grad(self) -> bool:
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        if self.grad_fn is not None:
            raise RuntimeError("you can only change requires_grad flags of leaf variables. If you want to "
                               "use a computed variable in a subgraph that doesn't require differentiation "
                               "use var_no_grad = var.detach().")
        if value and not self.dtype.is_floating_point:
            raise RuntimeError("only Tensors of floating point and complex dtype can require gradients")
        self._requires_grad = bool(value)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        self.requires_grad = requires_grad
        return self

    @property
    def data(self) -> Tensor:
        """An alias sharing storage, outside autograd.  Mirrors: Tensor.data."""
        return self.detach()

    @data.setter
    def data(self, other: Tensor) -> None:
        self._init_keep_autograd(other)

    def _init_keep_autograd(self, other: Tensor) -> None:
        keep = (self._requires_grad, self.grad, self.grad_fn, self._accumulator, self._hooks)
        self._init_from(other._st, other._shape, other.dtype, other._strides, other._offset, other._base)
        self._requires_grad, self.grad, self.grad_fn, self._accumulator, self._hooks = keep

    def type_name(self) -> str:
        return {"float32": "torch.FloatTensor", "float64": "torch.DoubleTensor", "int64": "torch.LongTensor",
                "int32": "torch.IntTensor", "int8": "torch.CharTensor", "bool": "torch.BoolTensor"}[self.dtype.name]

    def type(self, dtype: Any = None) -> Any:
        return self.type_name() if dtype is None else self.to(dtype)

    # -- autograd ------------------------------------------------------------------------------
    def backward(self, gradient: Any = None, retain_graph: bool | None = None, create_graph: bool = False,
                 inputs: Any = None) -> None:
        """Mirrors: Tensor.backward -> torch.autograd.backward."""
        autograd.backward(self, gradient, retain_graph, create_graph, inputs)

    def detach(self) -> Tensor:
        return self._view(self._shape, self._strides, self._offset)

    def detach_(self) -> Tensor:
        self.grad_fn = None
        self._requires_grad = False
        return self

    def retain_grad(self) -> None:
        if self.grad_fn is not None:
            self.grad_fn._retained.append(weakref.ref(self))
        elif not self.requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")

    @property
    def retains_grad(self) -> bool:
        return self.grad_fn is not None and any(r() is self for r in self.grad_fn._retained)

    def register_hook(self, hook: Callable[..., Any]) -> Any:
        if not self.requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self.grad_fn is not None:
            self.grad_fn._hooks.append(hook)
        else:
            self._hooks.append(hook)
        return hook

    # -- conversion ----------------------------------------------------------------------------
    def tolist(self) -> Any:
        flat = self._flat()
        values = [bool(v) for v in flat] if self.dtype is dt.bool_ else list(flat)
        if not self._shape:
            return values[0]
        for side in reversed(self._shape[1:]):
            values = [values[i:i + side] for i in range(0, len(values), side)] if side else \
                [[] for _ in range(len(values) and 0)]
        if 0 in self._shape:
            return _empty_nested(self._shape)
        return values

    def item(self) -> Any:
        if self.numel() != 1:
            raise RuntimeError(f"a Tensor with {self.numel()} elements cannot be converted to Scalar")
        v = self._flat()[0]
        return bool(v) if self.dtype is dt.bool_ else v

    def __float__(self) -> float:
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())

    def __index__(self) -> int:
        if self.dtype.is_floating_point or self.numel() != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    def __bool__(self) -> bool:
        if self.numel() != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return bool(self.item())

    def numpy(self, *, force: bool = False) -> Any:
        """A numpy array sharing this tensor's memory.  Mirrors: Tensor.numpy()."""
        from reference_impl import numpy_interop

        return numpy_interop.to_numpy(self, force)

    def __array__(self, dtype: Any = None, copy: Any = None) -> Any:
        arr = self.detach().cpu().numpy()
        return arr if dtype is None else arr.astype(dtype)

    def __len__(self) -> int:
        if not self._shape:
            raise TypeError("len() of a 0-d tensor")
        return self._shape[0]

    def __iter__(self) -> Iterator[Tensor]:
        if not self._shape:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._shape[0]))

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        from reference_impl import _print

        return _print.tensor_repr(self)

    def __format__(self, spec: str) -> str:
        if self.dim() == 0:
            return self.item().__format__(spec)
        return repr(self)

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise TypeError("reference_impl tensors are saved with reference_impl.save, not pickle")

    def __deepcopy__(self, memo: dict[int, Any]) -> Tensor:
        out = self.detach().clone()
        out._requires_grad = self._requires_grad
        if type(self) is not Tensor:
            out = type(self)(out, self._requires_grad)  # type: ignore[call-arg]
        if self.grad is not None:
            out.grad = self.grad.clone()
        memo[id(self)] = out
        return out


def _empty_nested(shape: tuple[int, ...]) -> Any:
    if not shape or shape[0] == 0:
        return []
    return [_empty_nested(shape[1:]) for _ in range(shape[0])]


def _wrap_dim(dim: int, ndim: int) -> int:
    """Mirrors: torch's maybe_wrap_dim (IndexError for an out-of-range dim)."""
    n = max(ndim, 1)
    if not -n <= dim < n:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})")
    return dim + n if dim < 0 else dim


# The ops modules build Tensors, so they are bound to the methods' module only now.
from reference_impl import ops as _ops  # noqa: E402

tensor_methods.ops = _ops
