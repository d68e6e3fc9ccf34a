"""Small numpy arrays and shapes: the raw material of most claims."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

MAX_DIMS = 4
MAX_SIDE = 4
FLOAT_DTYPES = ("float32", "float64")


def float_elements(dtype: str, *, bound: float = 100.0) -> st.SearchStrategy[float]:
    """Finite floats representable in ``dtype``, within +-bound."""
    width = 32 if dtype == "float32" else 64
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


STRATEGIES = {
    "small_shape": lambda: hnp.array_shapes(min_dims=1, max_dims=MAX_DIMS, min_side=0, max_side=MAX_SIDE),
    "float_array": lambda: float_array_any_dtype(),
    "float32_array": lambda: float_arrays(dtype="float32"),
    "float_dtype": lambda: st.sampled_from(FLOAT_DTYPES),
    "float32_matrix": lambda: float_arrays(
        dtype="float32", shape=hnp.array_shapes(min_dims=2, max_dims=2, min_side=2, max_side=MAX_SIDE)
    ),
    "creation_dtype": lambda: st.sampled_from(CREATION_DTYPES),
    "nested_list_array": lambda: nested_list_array(),
    "int_valued_array": lambda: hnp.arrays(
        "int64",
        hnp.array_shapes(min_dims=1, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE),
        elements=st.integers(-128, 127),
    ),
}
