"""numpy interop: ``from_numpy`` and ``Tensor.numpy()`` sharing memory.

Mirrors: torch.from_numpy (the tensor views the array's buffer: writes on
either side are seen by the other; unsupported dtypes raise TypeError) and
Tensor.numpy() (an array over the tensor's storage on cpu; RuntimeError for
a tensor that requires grad, TypeError for a tensor on another device).
numpy is imported here only, lazily, when these are called.
"""

from __future__ import annotations

from typing import Any

from reference_impl import _dtype as dt
from reference_impl.device import CPU
from reference_impl.tensor import Storage, Tensor

_BY_NUMPY = {"float32": dt.float32, "float64": dt.float64, "int8": dt.int8, "int32": dt.int32,
             "int64": dt.int64, "bool": dt.bool_}


def from_numpy(arr: Any) -> Tensor:
    """A tensor sharing ``arr``'s memory (through the buffer protocol)."""
    import numpy as np

    if not isinstance(arr, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(arr).__name__})")
    d = _BY_NUMPY.get(arr.dtype.name)
    if d is None:
        raise TypeError(f"can't convert np.ndarray of type numpy.{arr.dtype.name}. The only supported types are: "
                        "float64, float32, int64, int32, int8, and bool.")
    if arr.dtype.byteorder == ">":
        raise ValueError("given numpy array has byte order different from the native byte order. Conversion "
                         "between byte orders is currently not supported.")
    for s in arr.strides:
        if s < 0:
            raise ValueError("At least one stride in the given numpy array is negative, and tensors with negative "
                             "strides are not currently supported. (You can probably work around this by making "
                             "a copy of your array  with array.copy().) ")
    item = arr.itemsize
    shape = tuple(int(s) for s in arr.shape)
    strides = tuple(int(s) // item for s in arr.strides)
    if arr.size == 0:
        t = Tensor._of([], shape, d)
        return t
    # the whole memory block the array spans, from its first element
    span = 1 + sum((side - 1) * st for side, st in zip(shape, strides, strict=False))
    base = np.lib.stride_tricks.as_strided(arr, shape=(span,), strides=(item,))
    buf = memoryview(base).cast("B").cast(d.typecode)
    t = object.__new__(Tensor)
    t._init_from(Storage(buf, CPU), shape, d, strides, 0)
    t._numpy_owner = arr  # type: ignore[attr-defined]  # keeps the array alive
    return t


def to_numpy(x: Tensor, force: bool = False) -> Any:
    """An array over ``x``'s storage.  Mirrors: Tensor.numpy()."""
    import numpy as np

    if force:
        x = x.detach().cpu()
    if x.device.type != "cpu":
        raise TypeError(f"can't convert {x.device} device type tensor to numpy. Use Tensor.cpu() to copy the "
                        "tensor to host memory first.")
    if x.requires_grad:
        raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
    np_dtype = np.dtype("bool" if x.dtype is dt.bool_ else x.dtype.name)
    data = x._st.data
    if len(data) == 0:
        return np.zeros(x._shape, dtype=np_dtype)
    flat = np.frombuffer(data, dtype=np_dtype)
    item = np_dtype.itemsize
    return np.lib.stride_tricks.as_strided(flat[x._offset:], shape=x._shape,
                                           strides=tuple(s * item for s in x._strides))
