"""Strategies of the autograd and no_grad claims: small float arrays and tiny models.

Values stay within +-3 where a claim applies exp or powers, and models have at
most 4 samples and 3 features, so a pure-Python backend runs them quickly.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from conformance.strategies.arrays import MAX_DIMS, MAX_SIDE, float_arrays

# Differentiable elementwise functions the claims know (spec.autograd.FUNCTIONS has the oracles).
ELEMENTWISE = ("sin", "cos", "exp", "tanh", "sigmoid", "square")


def _shape(min_dims: int = 0) -> st.SearchStrategy[tuple[int, ...]]:
    return hnp.array_shapes(min_dims=min_dims, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE)


@st.composite
def repeated_inputs(draw: st.DrawFn) -> Any:
    """k in 2..4 inputs of one shape, stacked on a new first axis: one per backward pass."""
    k = draw(st.integers(2, 4))
    shape = draw(_shape(min_dims=1))
    return draw(float_arrays(dtype="float64", shape=(k, *shape), bound=3.0))


@st.composite
def linear_batch(draw: st.DrawFn) -> dict[str, Any]:
    """A Linear(fin, fout) with its weights, a batch (x, y) of n rows, and cut points into it."""
    n, fin, fout = draw(st.integers(2, 4)), draw(st.integers(1, 3)), draw(st.integers(1, 2))
    arr = lambda *shape: draw(float_arrays(dtype="float64", shape=shape, bound=3.0))  # noqa: E731
    cuts = draw(st.lists(st.integers(1, n - 1), max_size=n - 1, unique=True).map(sorted))
    return {"x": arr(n, fin), "y": arr(n, fout), "weight": arr(fout, fin), "bias": arr(fout), "cuts": cuts}


@st.composite
def mlp_case(draw: st.DrawFn) -> dict[str, Any]:
    """Weights of Linear(fin, h) -> Tanh -> Linear(h, fout), and an input batch."""
    n, fin, h, fout = (draw(st.integers(1, 3)) for _ in range(4))
    arr = lambda *shape: draw(float_arrays(dtype="float64", shape=shape, bound=2.0))  # noqa: E731
    return {"x": arr(n, fin), "w1": arr(h, fin), "b1": arr(h), "w2": arr(fout, h), "b2": arr(fout)}


@st.composite
def nonscalar_with_gradient(draw: st.DrawFn) -> tuple[Any, Any]:
    """An array of at least two elements and a gradient of the same shape."""
    shape = draw(_shape(min_dims=1).filter(lambda s: _size(s) >= 2))
    return (draw(float_arrays(dtype="float64", shape=shape, bound=3.0)),
            draw(float_arrays(dtype="float64", shape=shape, bound=3.0)))


def _size(shape: tuple[int, ...]) -> int:
    size = 1
    for side in shape:
        size *= side
    return size


STRATEGIES = {
    "autograd_values": lambda: float_arrays(dtype="float64", shape=_shape(), bound=3.0),
    "autograd_matrix_2x2": lambda: float_arrays(dtype="float32", shape=(2, 2), bound=10.0),
    "autograd_scalar": lambda: st.floats(-100, 100, width=32, allow_nan=False, allow_infinity=False),
    "autograd_elementwise_fn": lambda: st.sampled_from(ELEMENTWISE),
    "autograd_fn_pair": lambda: st.tuples(st.sampled_from(ELEMENTWISE), st.sampled_from(ELEMENTWISE)),
    "autograd_loop_depth": lambda: st.integers(0, 3),
    "autograd_repeated_inputs": lambda: repeated_inputs(),
    "autograd_linear_batch": lambda: linear_batch(),
    "autograd_mlp_case": lambda: mlp_case(),
    "autograd_nonscalar_with_gradient": lambda: nonscalar_with_gradient(),
    "autograd_reduction": lambda: st.sampled_from(("sum", "mean")),
}
