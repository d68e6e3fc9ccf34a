"""Small numpy arrays, shapes and indices: the raw material of most claims."""

from __future__ import annotations

from typing import Any, Literal

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

MAX_DIMS = 4
MAX_SIDE = 4
FLOAT_DTYPES = ("float32", "float64")


def float_elements(dtype: str, *, bound: float = 100.0) -> st.SearchStrategy[float]:
    """Finite floats representable in ``dtype``, within +-bound."""
    width: Literal[32, 64] = 32 if dtype == "float32" else 64
    return st.floats(-bound, bound, width=width, allow_nan=False, allow_infinity=False)


def float_arrays(
    *, dtype: str = "float32", shape: Any = None, min_dims: int = 0, bound: float = 100.0
) -> st.SearchStrategy[Any]:
    """Arrays of finite floats; a small random shape unless ``shape`` is given."""
    if shape is None:
        shape = hnp.array_shapes(min_dims=min_dims, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE)
    return hnp.arrays(dtype, shape, elements=float_elements(dtype, bound=bound))


@st.composite
def float_array_any_dtype(draw: st.DrawFn) -> Any:
    dtype = draw(st.sampled_from(FLOAT_DTYPES))
    return draw(float_arrays(dtype=dtype))


CREATION_DTYPES = ("int8", "int32", "int64", "float32", "float64")
# The dtypes the seeds name (int8, int32, float32, float64, bool) and numpy's default int.
INTEROP_DTYPES = ("bool", "int8", "int32", "int64", "float32", "float64")


@st.composite
def nested_list_array(draw: st.DrawFn) -> Any:
    """A bool, int or float array whose ``tolist()`` is the nested list to build from.

    Sides are at least 1: an empty list carries no element type to infer from.
    """
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE))
    kind = draw(st.sampled_from(("bool", "int64", "float32")))
    elements = {
        "bool": st.booleans(),
        "int64": st.integers(-(2**40), 2**40),
        "float32": float_elements("float32"),
    }[kind]
    return draw(hnp.arrays(kind, shape, elements=elements))


@st.composite
def interop_array(draw: st.DrawFn) -> Any:
    """A numpy array of a dtype torch shares memory with, 0 to 3 dims, sides 0 to 4."""
    dtype = draw(st.sampled_from(INTEROP_DTYPES))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=MAX_SIDE))
    elements = float_elements(dtype) if dtype.startswith("float") else None
    return draw(hnp.arrays(dtype, shape, elements=elements))


@st.composite
def shape_and_insert_dim(draw: st.DrawFn) -> tuple[tuple[int, ...], int]:
    """A shape and a position valid for ``unsqueeze``: -ndim-1 <= dim <= ndim."""
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=MAX_SIDE))
    return shape, draw(st.integers(-len(shape) - 1, len(shape)))


def _divisors(n: int) -> list[int]:
    return [d for d in range(2, n + 1) if n % d == 0]


@st.composite
def array_and_reshape(draw: st.DrawFn) -> tuple[Any, tuple[int, ...]]:
    """A float32 array and another shape with as many elements, maybe with one -1."""
    a = draw(float_arrays(dtype="float32", min_dims=1))
    rest = a.size
    sides: list[int] = []
    while rest > 1 and len(sides) < 3:
        side = draw(st.sampled_from(_divisors(rest)))
        sides.append(side)
        rest //= side
    sides = list(draw(st.permutations([*sides, rest] if rest > 1 or not sides else sides)))
    if draw(st.booleans()):
        sides[draw(st.integers(0, len(sides) - 1))] = -1
    return a, tuple(sides)


def _index_entry(side: int) -> st.SearchStrategy[Any]:
    """An int in range (negative counts from the end) or a slice with a positive step."""
    bound = st.none() | st.integers(-side - 2, side + 2)
    return st.integers(-side, side - 1) | st.builds(slice, bound, bound, st.none() | st.integers(1, 3))


@st.composite
def array_and_basic_index(draw: st.DrawFn) -> tuple[Any, Any]:
    """A float32 array and a basic index: ints and slices for its leading dims, maybe after ``...``."""
    a = draw(float_arrays(dtype="float32", min_dims=1))
    count = draw(st.integers(1, a.ndim))
    if draw(st.booleans()):  # index the trailing dims after an Ellipsis
        return a, (Ellipsis, *(draw(_index_entry(s)) for s in a.shape[a.ndim - count :]))
    entries = tuple(draw(_index_entry(s)) for s in a.shape[:count])
    return a, entries[0] if count == 1 else entries


@st.composite
def array_and_threshold(draw: st.DrawFn) -> tuple[Any, float]:
    """A float32 array and a threshold: one of its own elements or any float."""
    a = draw(float_arrays(dtype="float32", min_dims=1))
    threshold = draw(st.sampled_from(a.ravel().tolist()) | float_elements("float32"))
    return a, threshold


STRATEGIES = {
    "small_shape": lambda: hnp.array_shapes(min_dims=1, max_dims=MAX_DIMS, min_side=0, max_side=MAX_SIDE),
    "float_array": lambda: float_array_any_dtype(),
    "float32_array": lambda: float_arrays(dtype="float32"),
    "float_dtype": lambda: st.sampled_from(FLOAT_DTYPES),
    "float32_matrix": lambda: float_arrays(
        dtype="float32", shape=hnp.array_shapes(min_dims=2, max_dims=2, min_side=2, max_side=MAX_SIDE)
    ),
    "float32_3d_array": lambda: float_arrays(
        dtype="float32", shape=hnp.array_shapes(min_dims=3, max_dims=3, min_side=1, max_side=MAX_SIDE)
    ),
    "creation_dtype": lambda: st.sampled_from(CREATION_DTYPES),
    "interop_dtype": lambda: st.sampled_from(INTEROP_DTYPES),
    "nested_list_array": lambda: nested_list_array(),
    "int_valued_array": lambda: hnp.arrays(
        "int64",
        hnp.array_shapes(min_dims=1, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE),
        elements=st.integers(-128, 127),
    ),
    "int_list": lambda: st.lists(st.integers(-1000, 1000), min_size=1, max_size=6),
    "interop_array": lambda: interop_array(),
    "squeezable_shape": lambda: st.lists(st.sampled_from((1, 1, 2, 3)), max_size=MAX_DIMS).map(tuple),
    "shape_and_insert_dim": lambda: shape_and_insert_dim(),
    "array_and_reshape": lambda: array_and_reshape(),
    "array_and_basic_index": lambda: array_and_basic_index(),
    "array_and_threshold": lambda: array_and_threshold(),
}
