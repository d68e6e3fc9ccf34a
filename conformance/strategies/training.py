"""Strategies of the overview, losses, optim, data and training claims.

Keys are prefixed by area (``losses_``, ``optim_``, ``data_``, ``training_``,
``overview_``).  Optimizer claims draw numbers on a grid of multiples of 1/32
(or 1/64) so that the numpy oracle and the backend compute on exact operands;
the claims run in float64, where only rounding in the update itself remains.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from conformance.strategies.arrays import float_arrays


def grid(low: float, high: float, step: float = 1 / 32) -> st.SearchStrategy[float]:
    """Multiples of ``step`` in [low, high]: exact in float32 and float64."""
    return st.integers(round(low / step), round(high / step)).map(lambda k: k * step)


def grid_vector(draw: st.DrawFn, n: int, low: float, high: float) -> Any:
    return np.array(draw(st.lists(grid(low, high), min_size=n, max_size=n)), dtype=np.float64)


@st.composite
def logits_and_labels(draw: st.DrawFn) -> tuple[Any, Any]:
    """Logits of shape (N, C) and int64 class labels of shape (N,), N <= 4, 2 <= C <= 5."""
    n, c = draw(st.integers(1, 4)), draw(st.integers(2, 5))
    logits = draw(float_arrays(dtype="float32", shape=(n, c), bound=10.0))
    labels = draw(hnp.arrays("int64", (n,), elements=st.integers(0, c - 1)))
    return logits, labels


@st.composite
def prediction_and_target(draw: st.DrawFn) -> tuple[Any, Any]:
    """Two float32 arrays of one small shape: a prediction and its target."""
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4))
    return tuple(draw(float_arrays(dtype="float32", shape=shape, bound=10.0)) for _ in range(2))


@st.composite
def quadratic(draw: st.DrawFn) -> dict[str, Any]:
    """A separable quadratic loss sum(a*w*w + b*w), its start point w0 and a step count.

    ``a >= 0`` keeps the loss convex; its gradient is ``2*a*w + b``.
    """
    n = draw(st.integers(1, 4))
    return {
        "w0": grid_vector(draw, n, -2.0, 2.0),
        "a": grid_vector(draw, n, 0.0, 2.0),
        "b": grid_vector(draw, n, -2.0, 2.0),
        "steps": draw(st.integers(1, 5)),
    }


@st.composite
def sgd_hparams(draw: st.DrawFn) -> dict[str, Any]:
    """SGD's lr, momentum, dampening, nesterov and weight_decay (nesterov needs momentum, no dampening)."""
    momentum = draw(st.sampled_from((0.0, 0.5, 0.9)))
    nesterov = momentum > 0 and draw(st.booleans())
    return {
        "lr": draw(st.sampled_from((0.01, 0.1, 0.25))),
        "momentum": momentum,
        "dampening": 0.0 if nesterov else draw(st.sampled_from((0.0, 0.25))),
        "nesterov": nesterov,
        "weight_decay": draw(st.sampled_from((0.0, 0.1))),
    }


@st.composite
def adam_hparams(draw: st.DrawFn) -> dict[str, Any]:
    """Adam's lr, betas, eps, weight_decay and amsgrad, around the defaults."""
    return {
        "lr": draw(st.sampled_from((1e-3, 0.01, 0.1))),
        "betas": draw(st.sampled_from(((0.9, 0.999), (0.5, 0.9), (0.0, 0.99)))),
        "eps": draw(st.sampled_from((1e-8, 1e-3))),
        "weight_decay": draw(st.sampled_from((0.0, 0.1))),
        "amsgrad": draw(st.booleans()),
    }


@st.composite
def loader_config(draw: st.DrawFn) -> dict[str, Any]:
    """A dataset size (0 to 11), a batch size (1 to 5) and drop_last."""
    return {"n": draw(st.integers(0, 11)), "batch_size": draw(st.integers(1, 5)), "drop_last": draw(st.booleans())}


@st.composite
def split_lengths(draw: st.DrawFn) -> list[int]:
    """Three nonempty lengths (train, validation, test) of a dataset of up to 15 samples."""
    return draw(st.lists(st.integers(1, 5), min_size=3, max_size=3))


@st.composite
def samples_with_shape(draw: st.DrawFn) -> Any:
    """N samples (N 1 to 8) of one small shape, stacked as an (N, ...) float32 array."""
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3))
    n = draw(st.integers(1, 8))
    return draw(float_arrays(dtype="float32", shape=(n, *shape), bound=10.0))


STRATEGIES = {
    "losses_logits_and_labels": lambda: logits_and_labels(),
    "losses_prediction_and_target": lambda: prediction_and_target(),
    "losses_error_scale": lambda: st.sampled_from((0.0, 0.25, 0.5, 0.75)),
    "optim_quadratic": lambda: quadratic(),
    "optim_sgd_hparams": lambda: sgd_hparams(),
    "optim_adam_hparams": lambda: adam_hparams(),
    "data_loader_config": lambda: loader_config(),
    "data_split_lengths": lambda: split_lengths(),
    "data_samples": lambda: samples_with_shape(),
    "data_generator_seed": lambda: st.integers(0, 2**31 - 1),
    "training_inputs": lambda: float_arrays(
        dtype="float64", shape=hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=5).map(
            lambda s: (s[0], 2)), bound=3.0),
    "overview_vector": lambda: float_arrays(dtype="float64", shape=st.integers(1, 4).map(lambda n: (n,)), bound=10.0),
}
