"""Helpers shared by the primitives: operands, devices, result dtypes, safe maps.

Mirrors: torch's TensorIterator checks: operands on one device (a zero-dim
cpu tensor counts as a scalar), numpy broadcasting, and result_type.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import repeat
from math import prod
from typing import Any

from reference_impl import _dtype as dt
from reference_impl import _kernels as K
from reference_impl.device import canonical, device
from reference_impl.tensor import Tensor


def is_tensor(x: Any) -> bool:
    return isinstance(x, Tensor)


def check_number(x: Any) -> None:
    if not isinstance(x, (int, float, bool)):
        raise TypeError(f"unsupported operand type: expected a Tensor or a number, got {type(x).__name__}")


def scalar(x: Any) -> Any:
    """A Python number from a number-like operand (numpy scalars included)."""
    if isinstance(x, (bool, int, float)) and type(x) in (bool, int, float):
        return x
    if hasattr(x, "item") and not isinstance(x, Tensor):
        return x.item()
    check_number(x)
    return x


def common_device(*operands: Any) -> device:
    """The device of the operation; RuntimeError if tensors disagree.

    Mirrors: torch's "Expected all tensors to be on the same device" (a zero-dim
    cpu tensor may join tensors of another device, as a scalar).
    """
    found: device | None = None
    cpu_scalar = False
    for x in operands:
        if not isinstance(x, Tensor):
            continue
        d = x.device
        if d.type == "cpu" and not x._shape:
            cpu_scalar = True
            continue
        if found is None:
            found = d
        elif d != found:
            raise RuntimeError("Expected all tensors to be on the same device, but found at least two "
                               f"devices, {found} and {d}!")
    if found is None:
        return canonical("cpu") if cpu_scalar or True else canonical("cpu")
    return found


def operand_flat(x: Any, out_shape: tuple[int, ...]) -> Any:
    """A tensor's elements expanded to ``out_shape``, or a scalar repeated."""
    n = prod(out_shape)
    if isinstance(x, Tensor):
        if x._shape == out_shape:
            return x._flat()
        if not x._shape:
            return repeat(x._flat()[0], n)
        return K.expand_flat(x._flat(), x._shape, out_shape)
    return repeat(x, n)


def shape_of(x: Any) -> tuple[int, ...]:
    return x._shape if isinstance(x, Tensor) else ()


def float_of(d: dt.dtype) -> dt.dtype:
    """The dtype of a floating result (exp, sqrt, true division) of ``d``."""
    return d if d.is_floating_point else dt.get_default_dtype()


def safe_map(fast: Callable[..., Any], safe: Callable[..., Any], *flats: Any) -> list[Any]:
    """``map(fast, ...)``, redone elementwise with ``safe`` if a value is out of domain."""
    flats = tuple(f if not isinstance(f, repeat) else list(f) for f in flats)
    try:
        return list(map(fast, *flats))
    except (ValueError, OverflowError, ZeroDivisionError, TypeError):
        return list(map(safe, *flats))


def nan_if_raises(fn: Callable[..., Any], on_zero_div: Callable[..., Any] | None = None) -> Callable[..., Any]:
    """Wrap a math function so domain errors give nan/inf as IEEE arithmetic does."""
    def safe(*args: Any) -> Any:
        try:
            r = fn(*args)
            return r if not isinstance(r, complex) else math.nan
        except ZeroDivisionError:
            return on_zero_div(*args) if on_zero_div else math.nan
        except OverflowError:
            return math.inf
        except ValueError:
            return math.nan
    return safe


def ieee_div(a: Any, b: Any) -> float:
    """a / b with IEEE results for a zero divisor (inf, -inf, nan)."""
    try:
        return a / b
    except ZeroDivisionError:
        if a != a or a == 0:
            return math.nan
        neg = (a < 0) != (math.copysign(1.0, b) < 0)
        return -math.inf if neg else math.inf


def new(values: Any, shape: tuple[int, ...], d: dt.dtype, dev: device) -> Tensor:
    return Tensor._of(values, shape, d, dev)


def wrap_dim(dim: int, ndim: int) -> int:
    """Mirrors: maybe_wrap_dim."""
    n = max(ndim, 1)
    if not isinstance(dim, int):
        raise TypeError(f"dim must be an int, got {type(dim).__name__}")
    if not -n <= dim < n:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})")
    return dim + n if dim < 0 else dim


def dims_of(dim: Any, ndim: int) -> tuple[int, ...]:
    """A dim argument (None, int, or sequence) as sorted non-negative dims."""
    if dim is None or (isinstance(dim, (tuple, list)) and len(dim) == 0):
        return tuple(range(ndim))
    if isinstance(dim, int):
        dim = (dim,)
    out = sorted({wrap_dim(d, ndim) for d in dim})
    return tuple(out)


def binary(fast: Any, a: Any, b: Any, d: dt.dtype | None = None, safe: Any = None) -> Tensor:
    """Apply ``fast`` over the broadcast elements of a and b; result of dtype d."""
    if not isinstance(a, Tensor):
        a = scalar(a)
    if not isinstance(b, Tensor):
        b = scalar(b)
    dev = common_device(a, b)
    shape = K.broadcast_shapes(shape_of(a), shape_of(b))
    out_dtype = d or dt.result_type(a, b)
    fa, fb = operand_flat(a, shape), operand_flat(b, shape)
    values = safe_map(fast, safe, fa, fb) if safe else list(map(fast, fa, fb))
    return new(values, shape, out_dtype, dev)


def unary(fn: Any, x: Tensor, d: dt.dtype | None = None, safe: Any = None) -> Tensor:
    flat = x._flat()
    values = safe_map(fn, safe, flat) if safe else list(map(fn, flat))
    return new(values, x._shape, d or x.dtype, x.device)
