"""dtypes: the six storage types, their array-module typecodes, and type promotion.

Mirrors: torch.dtype (float32, float64, int8, int32, int64, bool) and
torch.result_type's category rules (bool < integer < floating; dimensioned
tensors outrank zero-dim tensors, which outrank Python scalars).
"""

from __future__ import annotations

from array import array
from typing import Any


class dtype:
    """A tensor element type.

    Mirrors: torch.dtype; ``str(torch.float32) == "torch.float32"``.
    """

    __slots__ = ("name", "typecode", "is_floating_point", "is_signed", "itemsize", "bits", "_rank")

    def __init__(self, name: str, typecode: str, floating: bool, itemsize: int, rank: int) -> None:
        self.name = name
        self.typecode = typecode
        self.is_floating_point = floating
        self.is_signed = name != "bool"
        self.itemsize = itemsize
        self.bits = itemsize * 8
        self._rank = rank

    @property
    def is_complex(self) -> bool:
        return False

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    def __reduce__(self) -> str:
        return self.name


def _int_code(size: int) -> str:
    for code in ("i", "l", "q"):
        if array(code).itemsize == size:
            return code
    raise RuntimeError(f"no array typecode of {size} bytes")


bool_ = dtype("bool", "B", False, 1, 0)
int8 = dtype("int8", "b", False, 1, 1)
int32 = dtype("int32", _int_code(4), False, 4, 3)
int64 = dtype("int64", "q", False, 8, 4)
float32 = dtype("float32", "f", True, 4, 10)
float64 = dtype("float64", "d", True, 8, 11)

ALL = (bool_, int8, int32, int64, float32, float64)
BY_NAME = {d.name: d for d in ALL}

_INT_RANGES = {int8: (-(2**7), 2**8), int32: (-(2**31), 2**32), int64: (-(2**63), 2**64)}

_default: list[dtype] = [float32]


def get_default_dtype() -> dtype:
    """Mirrors: torch.get_default_dtype()."""
    return _default[0]


def set_default_dtype(d: dtype) -> None:
    """Mirrors: torch.set_default_dtype (floating types only)."""
    if not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    _default[0] = d


def wrap_int(value: int, d: dtype) -> int:
    """Two's-complement wraparound, as torch's integer overflow does."""
    low, span = _INT_RANGES[d]
    return (value - low) % span + low


def storage(d: dtype, values: Any) -> array:  # type: ignore[type-arg]
    """An ``array`` of ``d`` holding ``values``; floats round on store, ints wrap."""
    if d is bool_:
        return array("B", map(bool, values))
    try:
        return array(d.typecode, values)
    except OverflowError:
        return array(d.typecode, [wrap_int(v, d) for v in values])
    except TypeError:
        if d.is_floating_point:
            return array(d.typecode, [float(v) for v in values])
        if d is bool_:
            return array("B", [1 if v else 0 for v in values])
        return array(d.typecode, [wrap_int(int(v), d) for v in values])


def category(d: dtype) -> int:
    return 2 if d.is_floating_point else (0 if d is bool_ else 1)


def promote(a: dtype, b: dtype) -> dtype:
    """The smallest dtype holding both (torch.promote_types for these six)."""
    return a if a._rank >= b._rank else b


def scalar_category(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return 1
    return 2


def scalar_dtype(value: Any) -> dtype:
    """The dtype torch.tensor infers for a Python scalar."""
    return (bool_, int64, get_default_dtype())[scalar_category(value)]


def result_type(*operands: Any) -> dtype:
    """torch.result_type over tensors and Python scalars.

    Mirrors: torch's three priority classes: tensors with dims, zero-dim
    tensors, then scalars; a lower class only matters if it is of a higher
    category (bool < int < float), and then contributes its default type.
    """
    dimmed: dtype | None = None
    zero_dim: dtype | None = None
    scalar_cat = -1
    for op in operands:
        d = op.dtype if hasattr(op, "_shape") else None
        if d is None:
            scalar_cat = max(scalar_cat, scalar_category(op))
        elif op.dim() > 0:
            dimmed = d if dimmed is None else promote(dimmed, d)
        else:
            zero_dim = d if zero_dim is None else promote(zero_dim, d)
    result = dimmed
    if zero_dim is not None:
        if result is None:
            result = zero_dim
        elif category(zero_dim) > category(result):
            result = zero_dim
    if scalar_cat >= 0:
        if result is None:
            result = (bool_, int64, get_default_dtype())[scalar_cat]
        elif scalar_cat > category(result):
            result = (bool_, int64, get_default_dtype())[scalar_cat]
    assert result is not None
    return result
