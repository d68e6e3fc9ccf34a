"""Pairs of arrays whose shapes broadcast, and pairs whose shapes do not."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from conformance.strategies.arrays import MAX_DIMS, MAX_SIDE, float_arrays

# The binary operations the seeds use: torch.add / +, torch.mul / *, and - and /.
BINARY_OPS = ("add", "sub", "mul", "div")


@st.composite
def broadcastable_float_pair(draw: st.DrawFn, dtype: str = "float32") -> tuple[Any, Any]:
    """Two float arrays whose shapes numpy broadcasts together."""
    shapes = draw(
        hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE)
    )
    a, b = (draw(float_arrays(dtype=dtype, shape=s, bound=10.0)) for s in shapes.input_shapes)
    return a, b


@st.composite
def incompatible_shape_pair(draw: st.DrawFn) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Two shapes that do not broadcast: some aligned sides differ and neither is 1."""
    base = draw(hnp.array_shapes(min_dims=1, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE))
    axis = draw(st.integers(0, len(base) - 1))
    left, right = draw(st.lists(st.integers(2, MAX_SIDE + 1), min_size=2, max_size=2, unique=True))
    first = base[:axis] + (left,) + base[axis + 1 :]
    second = base[:axis] + (right,) + base[axis + 1 :]
    trim = draw(st.integers(0, axis))  # drop leading dims of one side: still incompatible
    return (first, second[trim:]) if draw(st.booleans()) else (first[trim:], second)


STRATEGIES = {
    "broadcastable_float_pair": lambda: broadcastable_float_pair(),
    "broadcastable_float64_pair": lambda: broadcastable_float_pair("float64"),
    "incompatible_shape_pair": lambda: incompatible_shape_pair(),
    "binary_op": lambda: st.sampled_from(BINARY_OPS),
}
