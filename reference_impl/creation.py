"""Creation functions: tensor, zeros, ones, empty, full, rand, randn, randint,
arange, linspace, eye, randperm and the ``*_like`` variants.

Mirrors: torch's creation functions: size given as ``f(2, 3)`` or
``f((2, 3))``; ``dtype`` defaults to the default float type (int64 for
integer ``arange``/``randint``/``full`` fill); ``torch.tensor`` infers bool,
int64 or float32 from nested Python lists and copies (never shares) its input.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from math import prod
from typing import Any

from reference_impl import _dtype as dt
from reference_impl import random as rnd
from reference_impl.device import canonical
from reference_impl.tensor import Tensor, _parse_size


def _finish(t: Tensor, requires_grad: bool) -> Tensor:
    if requires_grad:
        t.requires_grad = True
    return t


def _flatten_nested(data: Any) -> tuple[list[Any], tuple[int, ...]]:
    """Nested sequences -> (flat values, shape), checking that the nesting is rectangular."""
    if isinstance(data, Tensor):
        return list(data._flat()), data._shape
    if not isinstance(data, (list, tuple)):
        return [data], ()
    shape: list[int] = []
    level: list[Any] = [data]
    while level and isinstance(level[0], (list, tuple)) or (level and isinstance(level[0], Tensor)):
        if isinstance(level[0], Tensor):
            inner = [v.tolist() if isinstance(v, Tensor) else v for v in level]
            level = inner
            if not isinstance(level[0], list):
                break
            continue
        n = len(level[0])
        for _i, item in enumerate(level):
            if not isinstance(item, (list, tuple, Tensor)) or len(item) != n:
                got = len(item) if isinstance(item, (list, tuple)) else type(item).__name__
                raise ValueError(f"expected sequence of length {n} at dim {len(shape)} (got {got})")
        shape.append(n)
        level = [v for item in level for v in item]
    for v in level:
        if isinstance(v, (list, tuple)):
            raise ValueError(f"expected a number at dim {len(shape)} (got a sequence)")
    return level, tuple(shape)


def _infer_dtype(values: Sequence[Any]) -> dt.dtype:
    if not values:
        return dt.get_default_dtype()
    if all(isinstance(v, bool) for v in values):
        return dt.bool_
    if all(isinstance(v, int) for v in values):
        return dt.int64
    for v in values:
        if not isinstance(v, (int, float)):
            raise TypeError(f"new(): invalid data type '{type(v).__name__}'")
    return dt.get_default_dtype()


def tensor(data: Any, *, dtype: Any = None, device: Any = None, requires_grad: bool = False,
           pin_memory: bool = False) -> Tensor:
    """Mirrors: torch.tensor: a copy of ``data`` with an inferred or given dtype."""
    dev = canonical(device if device is not None else (data.device if isinstance(data, Tensor) else None))
    if hasattr(data, "__array_interface__") and not isinstance(data, Tensor):
        from reference_impl import numpy_interop
        src = numpy_interop.from_numpy(data.copy() if hasattr(data, "copy") else data)
        values, shape, inferred = list(src._flat()), src._shape, src.dtype
    elif isinstance(data, Tensor):
        values, shape, inferred = list(data._flat()), data._shape, data.dtype
    else:
        values, shape = _flatten_nested(data)
        values = [v.item() if hasattr(v, "item") and not isinstance(v, (int, float)) else v for v in values]
        inferred = _infer_dtype(values)
    d = dtype or inferred
    if not d.is_floating_point and any(isinstance(v, float) for v in values):
        values = [int(v) for v in values]
    return _finish(Tensor._of(values, shape, d, dev), requires_grad)


def as_tensor(data: Any, dtype: Any = None, device: Any = None) -> Tensor:
    """Mirrors: torch.as_tensor (no copy for a tensor of the same dtype and device)."""
    if isinstance(data, Tensor) and (dtype is None or dtype is data.dtype) and (
            device is None or canonical(device) == data.device):
        return data
    if hasattr(data, "__array_interface__") and dtype is None and device is None:
        from reference_impl import numpy_interop
        return numpy_interop.from_numpy(data)
    return tensor(data, dtype=dtype, device=device)


def full(size: Sequence[int], fill_value: Any, *, dtype: Any = None, device: Any = None,
         requires_grad: bool = False) -> Tensor:
    """Mirrors: torch.full (dtype inferred from the fill value)."""
    shape = _parse_size([size] if not isinstance(size, int) else [size])
    if isinstance(fill_value, Tensor):
        fill_value = fill_value.item()
    d = dtype or dt.scalar_dtype(fill_value)
    return _finish(Tensor._of([fill_value] * prod(shape), shape, d, canonical(device)), requires_grad)


def _filled(size: Sequence[Any], value: Any, dtype: Any, device: Any, requires_grad: bool) -> Tensor:
    shape = _parse_size(size)
    d = dtype or dt.get_default_dtype()
    return _finish(Tensor._of([value] * prod(shape), shape, d, canonical(device)), requires_grad)


def zeros(*size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False, out: Any = None) -> Tensor:
    """Mirrors: torch.zeros."""
    return _filled(size, 0, dtype, device, requires_grad)


def ones(*size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    """Mirrors: torch.ones."""
    return _filled(size, 1, dtype, device, requires_grad)


def empty(*size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False,
          memory_format: Any = None) -> Tensor:
    """Mirrors: torch.empty (values unspecified: here zeros)."""
    return _filled(size, 0, dtype, device, requires_grad)


def rand(*size: Any, generator: Any = None, dtype: Any = None, device: Any = None,
         requires_grad: bool = False) -> Tensor:
    """Mirrors: torch.rand: uniform on [0, 1)."""
    shape = _parse_size(size)
    d = dtype or dt.get_default_dtype()
    values = (generator or rnd.default_generator).uniform_list(prod(shape), d)
    return _finish(Tensor._of(values, shape, d, canonical(device)), requires_grad)


def randn(*size: Any, generator: Any = None, dtype: Any = None, device: Any = None,
          requires_grad: bool = False) -> Tensor:
    """Mirrors: torch.randn: standard normal."""
    shape = _parse_size(size)
    d = dtype or dt.get_default_dtype()
    values = (generator or rnd.default_generator).normal_list(prod(shape))
    return _finish(Tensor._of(values, shape, d, canonical(device)), requires_grad)


def randint(low: int, high: Any = None, size: Any = None, *, generator: Any = None, dtype: Any = None,
            device: Any = None, requires_grad: bool = False) -> Tensor:
    """Mirrors: torch.randint(low=0, high, size): int64 in [low, high)."""
    if size is None:
        low, high, size = 0, low, high
    if high is None or size is None:
        raise TypeError("randint() missing required argument 'size'")
    shape = _parse_size([size])
    values = (generator or rnd.default_generator).integers(prod(shape), low, high)
    return _finish(Tensor._of(values, shape, dtype or dt.int64, canonical(device)), requires_grad)


def randperm(n: int, *, generator: Any = None, dtype: Any = None, device: Any = None) -> Tensor:
    """Mirrors: torch.randperm."""
    perm = (generator or rnd.default_generator).permutation(n)
    return Tensor._of(perm, (n,), dtype or dt.int64, canonical(device))


def arange(start: Any, end: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None,
           requires_grad: bool = False) -> Tensor:
    """Mirrors: torch.arange: int64 for integer arguments, else the default float type."""
    if end is None:
        start, end = 0, start
    if step == 0:
        raise RuntimeError("step must be nonzero")
    n = max(0, math.ceil((end - start) / step))
    d = dtype or (dt.int64 if all(isinstance(v, int) for v in (start, end, step)) else dt.get_default_dtype())
    values = [start + i * step for i in range(n)]
    return _finish(Tensor._of(values, (n,), d, canonical(device)), requires_grad)


def linspace(start: float, end: float, steps: int, *, dtype: Any = None, device: Any = None,
             requires_grad: bool = False) -> Tensor:
    """Mirrors: torch.linspace (symmetric from both ends, as torch computes it)."""
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    if steps == 1:
        values = [float(start)]
    else:
        step = (end - start) / (steps - 1)
        half = steps // 2
        values = [start + step * i if i < half else end - step * (steps - 1 - i) for i in range(steps)]
    return _finish(Tensor._of(values, (steps,), dtype or dt.get_default_dtype(), canonical(device)), requires_grad)


def eye(n: int, m: Any = None, *, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    m = n if m is None else m
    values = [1 if i == j else 0 for i in range(n) for j in range(m)]
    return _finish(Tensor._of(values, (n, m), dtype or dt.get_default_dtype(), canonical(device)), requires_grad)


def _like(x: Tensor, dtype: Any, device: Any) -> tuple[Any, Any]:
    return dtype or x.dtype, device if device is not None else x.device


def zeros_like(x: Tensor, *, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    """Mirrors: torch.zeros_like: x's shape, dtype and device unless given."""
    d, dev = _like(x, dtype, device)
    return zeros(x._shape, dtype=d, device=dev, requires_grad=requires_grad)


def ones_like(x: Tensor, *, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    d, dev = _like(x, dtype, device)
    return ones(x._shape, dtype=d, device=dev, requires_grad=requires_grad)


def empty_like(x: Tensor, *, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    d, dev = _like(x, dtype, device)
    return empty(x._shape, dtype=d, device=dev, requires_grad=requires_grad)


def full_like(x: Tensor, fill_value: Any, *, dtype: Any = None, device: Any = None,
              requires_grad: bool = False) -> Tensor:
    d, dev = _like(x, dtype, device)
    return full(x._shape, fill_value, dtype=d, device=dev, requires_grad=requires_grad)


def rand_like(x: Tensor, *, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    d, dev = _like(x, dtype, device)
    return rand(x._shape, dtype=d, device=dev, requires_grad=requires_grad)


def randn_like(x: Tensor, *, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    d, dev = _like(x, dtype, device)
    return randn(x._shape, dtype=d, device=dev, requires_grad=requires_grad)


def randint_like(x: Tensor, low: int, high: Any = None, *, dtype: Any = None, device: Any = None) -> Tensor:
    d, dev = _like(x, dtype, device)
    return randint(low, high, x._shape, dtype=d, device=dev)
