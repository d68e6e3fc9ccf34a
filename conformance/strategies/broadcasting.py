"""Pairs of arrays whose shapes broadcast (elementwise and for matmul), and pairs that do not."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from conformance.strategies.arrays import MAX_DIMS, MAX_SIDE, float_arrays

# The binary operations the seeds use: torch.add / +, torch.mul / *, and - and /.
BINARY_OPS = ("add", "sub", "mul", "div")
MATMUL_BATCH_DIMS = 2  # batch dims beside the two matrix dims: at most 4 dims in all


def _arrays_of(draw: st.DrawFn, shapes: Any, dtype: str) -> tuple[Any, ...]:
    return tuple(draw(float_arrays(dtype=dtype, shape=s, bound=10.0)) for s in shapes)


@st.composite
def broadcastable_float_pair(draw: st.DrawFn, dtype: str = "float32") -> tuple[Any, Any]:
    """Two float arrays whose shapes numpy broadcasts together."""
    shapes = draw(
        hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE)
    )
    a, b = _arrays_of(draw, shapes.input_shapes, dtype)
    return a, b


@st.composite
def same_shape_float_pair(draw: st.DrawFn) -> tuple[Any, Any]:
    """Two float32 arrays of one shape, like ``e`` and ``f = torch.randn(2, 3)``."""
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE))
    a, b = _arrays_of(draw, (shape, shape), "float32")
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


@st.composite
def inplace_growing_shapes(draw: st.DrawFn) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Broadcastable shapes (x, y) whose broadcast shape is bigger than x's own."""
    shapes = draw(
        hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE).filter(
            lambda s: s.result_shape != s.input_shapes[0]
        )
    )
    x_shape, y_shape = shapes.input_shapes
    return x_shape, y_shape


@st.composite
def inplace_fitting_pair(draw: st.DrawFn) -> tuple[Any, Any]:
    """Float32 arrays (x, y) where y broadcasts to x's shape: a suffix of it, some sides 1."""
    x_shape = draw(hnp.array_shapes(min_dims=1, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE))
    suffix = x_shape[draw(st.integers(0, len(x_shape))) :]
    y_shape = tuple(1 if draw(st.booleans()) else side for side in suffix)
    x, y = _arrays_of(draw, (x_shape, y_shape), "float32")
    return x, y


@st.composite
def matmul_pair(draw: st.DrawFn, signature: str = "(n?,k),(k,m?)->(n?,m?)") -> tuple[Any, Any]:
    """Float64 operands numpy.matmul accepts: 1-d or more, batch dims broadcastable."""
    shapes = draw(hnp.mutually_broadcastable_shapes(
        signature=signature, max_dims=MATMUL_BATCH_DIMS, min_side=1, max_side=MAX_SIDE))
    a, b = _arrays_of(draw, shapes.input_shapes, "float64")
    return a, b


@st.composite
def matmul_vector_pair(draw: st.DrawFn) -> tuple[Any, Any]:
    """Operands of matmul of which at least one is 1-d: vector-vector, vector-matrix, matrix-vector."""
    k = draw(st.integers(1, MAX_SIDE))
    other = draw(hnp.array_shapes(min_dims=0, max_dims=MATMUL_BATCH_DIMS + 1, min_side=1, max_side=MAX_SIDE))
    case = draw(st.sampled_from(("vector-vector", "vector-matrix", "matrix-vector")))
    shapes = {
        "vector-vector": ((k,), (k,)),
        "vector-matrix": ((k,), (*other[:-1], k, other[-1]) if other else (k, 1)),
        "matrix-vector": ((*other, k), (k,)),
    }[case]
    a, b = _arrays_of(draw, shapes, "float64")
    return a, b


@st.composite
def matmul_mismatch_shapes(draw: st.DrawFn) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Shapes whose inner matmul dims differ: x's last side is not y's second-to-last (or only) side."""
    k, j = draw(st.lists(st.integers(1, MAX_SIDE + 1), min_size=2, max_size=2, unique=True))
    side = st.integers(1, MAX_SIDE)
    x_shape = (*draw(st.lists(side, max_size=MATMUL_BATCH_DIMS)), k)
    y_shape = (j,) if draw(st.booleans()) else (*draw(st.lists(st.just(1), max_size=1)), j, draw(side))
    return x_shape, y_shape


STRATEGIES = {
    "broadcastable_float_pair": lambda: broadcastable_float_pair(),
    "broadcastable_float64_pair": lambda: broadcastable_float_pair("float64"),
    "same_shape_float_pair": lambda: same_shape_float_pair(),
    "incompatible_shape_pair": lambda: incompatible_shape_pair(),
    "inplace_growing_shapes": lambda: inplace_growing_shapes(),
    "inplace_fitting_pair": lambda: inplace_fitting_pair(),
    "binary_op": lambda: st.sampled_from(BINARY_OPS),
    "python_scalar": lambda: st.integers(-5, 5) | st.floats(-5, 5, allow_nan=False, width=32),
    "matmul_pair": lambda: matmul_pair(),
    "matmul_batched_matrix_pair": lambda: matmul_pair("(n,k),(k,m)->(n,m)"),
    "matmul_vector_pair": lambda: matmul_vector_pair(),
    "matmul_mismatch_shapes": lambda: matmul_mismatch_shapes(),
}
