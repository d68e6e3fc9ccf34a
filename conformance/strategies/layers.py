"""Strategies of the init and layers claims: layer configurations and their inputs.

A configuration is a plain dict (``{"kind": "conv2d", "in": 2, ...}``) so that a
failing example prints readably.  Sizes stay small (channels <= 6, sides <= 8)
because the pure-Python reference backend runs these too.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

INIT_KINDS = ("linear", "conv1d", "conv2d", "conv_transpose2d")
NONLINEARITIES = ("leaky_relu", "relu", "linear", "conv2d", "sigmoid", "tanh", "selu")
RNN_KINDS = ("LSTM", "GRU")
PADDING_MODES = ("zeros", "reflect", "replicate", "circular")


def unit_floats(shape: Any, bound: float = 1.0) -> st.SearchStrategy[Any]:
    """float32 arrays with values in [-bound, bound]: products stay well inside float32 tolerance."""
    return hnp.arrays("float32", shape, elements=st.floats(-bound, bound, width=32))


@st.composite
def init_default_layer(draw: st.DrawFn) -> dict[str, Any]:
    """A Linear, Conv1d, Conv2d (with groups) or ConvTranspose2d configuration, out >= 4.

    At least 4 outputs keeps the number of fresh layers a check builds to collect
    ~1000 bias values small.
    """
    kind = draw(st.sampled_from(INIT_KINDS))
    if kind == "linear":
        return {"kind": kind, "in": draw(st.integers(1, 6)), "out": draw(st.integers(4, 8)), "kernel": (), "groups": 1}
    groups = draw(st.integers(1, 3))
    per_group_out = draw(st.integers(-(-4 // groups), 6 // groups))
    sides = 1 if kind == "conv1d" else 2
    return {
        "kind": kind,
        "in": groups * draw(st.integers(1, 2)),
        "out": groups * per_group_out,
        "kernel": tuple(draw(st.lists(st.integers(1, 3), min_size=sides, max_size=sides))),
        "groups": groups,
    }


@st.composite
def init_kaiming_case(draw: st.DrawFn) -> dict[str, Any]:
    """A weight shape (2-4 dims, at least 4 values) and kaiming_uniform_ arguments."""
    shape = (draw(st.integers(2, 5)), draw(st.integers(2, 5))) + tuple(
        draw(st.lists(st.integers(1, 3), max_size=2))
    )
    return {
        "shape": shape,
        "a": draw(st.one_of(st.just(5**0.5), st.floats(0.0, 3.0))),
        "mode": draw(st.sampled_from(("fan_in", "fan_out"))),
        "nonlinearity": draw(st.sampled_from(NONLINEARITIES)),
    }


@st.composite
def linear_case(draw: st.DrawFn) -> dict[str, Any]:
    """Linear(in, out, bias) and an input of shape (*batch, in)."""
    n_in, n_out = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    batch = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    return {"in": n_in, "out": n_out, "bias": draw(st.booleans()), "x": draw(unit_floats(batch + (n_in,)))}


@st.composite
def conv_case(draw: st.DrawFn, sides: int) -> dict[str, Any]:
    """A ConvNd configuration (groups, stride, padding, dilation) and an input it accepts."""
    groups = draw(st.integers(1, 2))
    k = tuple(draw(st.lists(st.integers(1, 3), min_size=sides, max_size=sides)))
    stride = tuple(draw(st.lists(st.integers(1, 2), min_size=sides, max_size=sides)))
    padding = tuple(draw(st.lists(st.integers(0, 2), min_size=sides, max_size=sides)))
    dilation = tuple(draw(st.lists(st.integers(1, 2), min_size=sides, max_size=sides)))
    spatial = tuple(
        draw(st.integers(max(1, d * (kk - 1) + 1 - 2 * p), max(1, d * (kk - 1) + 1 - 2 * p) + 3))
        for kk, p, d in zip(k, padding, dilation, strict=True)
    )
    c_in, c_out = groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    x = draw(unit_floats((draw(st.integers(1, 2)), c_in) + spatial))
    return {"in": c_in, "out": c_out, "kernel": k, "stride": stride, "padding": padding,
            "dilation": dilation, "groups": groups, "bias": draw(st.booleans()), "x": x}


@st.composite
def conv_geometry(draw: st.DrawFn) -> list[dict[str, int]]:
    """Per spatial axis of a Conv2d: input side, kernel, stride, padding, dilation (output >= 1)."""
    axes = []
    for _ in range(2):
        k, s, d = draw(st.integers(1, 4)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
        p = draw(st.integers(0, 2))
        h = draw(st.integers(max(1, d * (k - 1) + 1 - 2 * p), 12))
        axes.append({"h": h, "k": k, "s": s, "p": p, "d": d})
    return axes


@st.composite
def conv_transpose_geometry(draw: st.DrawFn) -> list[dict[str, int]]:
    """Per axis of a ConvTranspose2d: input side, kernel, stride, padding, dilation, output_padding."""
    axes = []
    for _ in range(2):
        k, s, d, h = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 2)), draw(st.integers(1, 5))
        op = draw(st.integers(0, max(s, d) - 1))
        most = ((h - 1) * s + d * (k - 1) + op) // 2  # keeps the output side >= 1
        axes.append({"h": h, "k": k, "s": s, "p": draw(st.integers(0, min(2, most))), "d": d, "op": op})
    return axes


@st.composite
def pool_case(draw: st.DrawFn) -> dict[str, Any]:
    """MaxPool2d / AvgPool2d arguments (stride None means the default, kernel_size) and an input."""
    k = draw(st.integers(1, 3))
    stride = draw(st.one_of(st.none(), st.integers(1, 3)))
    padding = draw(st.integers(0, k // 2))
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 2)),
             draw(st.integers(max(1, k - 2 * padding), 7)), draw(st.integers(max(1, k - 2 * padding), 7)))
    return {"k": k, "stride": stride, "padding": padding, "x": draw(unit_floats(shape, 10.0))}


@st.composite
def rnn_case(draw: st.DrawFn) -> dict[str, Any]:
    """An LSTM or GRU configuration and a sequence in its layout (batch_first or not)."""
    seq, batch, n_in = draw(st.integers(1, 4)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    batch_first = draw(st.booleans())
    shape = (batch, seq, n_in) if batch_first else (seq, batch, n_in)
    return {"kind": draw(st.sampled_from(RNN_KINDS)), "seq": seq, "batch": batch, "in": n_in,
            "hidden": draw(st.integers(1, 3)), "layers": draw(st.integers(1, 2)),
            "batch_first": batch_first, "x": draw(unit_floats(shape))}


@st.composite
def padding_mode_case(draw: st.DrawFn) -> dict[str, Any]:
    """A Conv2d padding_mode, padding < every side (as reflect needs), and an input."""
    mode, p, k = draw(st.sampled_from(PADDING_MODES)), draw(st.integers(0, 2)), draw(st.integers(1, 3))
    side = st.integers(max(p + 1, k - 2 * p, 1), max(p + 1, k - 2 * p, 1) + 3)
    shape = (1, draw(st.integers(1, 2)), draw(side), draw(side))
    return {"mode": mode, "padding": p, "k": k, "x": draw(unit_floats(shape))}


@st.composite
def unbatched_case(draw: st.DrawFn) -> dict[str, Any]:
    """A single sample (C, H, W) for Conv2d / MaxPool2d, or (in,) for Linear."""
    kind = draw(st.sampled_from(("conv2d", "linear", "max_pool2d")))
    if kind == "linear":
        return {"kind": kind, "x": draw(unit_floats((draw(st.integers(1, 4)),)))}
    k = draw(st.integers(1, 3))
    shape = (draw(st.integers(1, 3)), draw(st.integers(k, 6)), draw(st.integers(k, 6)))
    return {"kind": kind, "k": k, "x": draw(unit_floats(shape))}


@st.composite
def batchnorm_case(draw: st.DrawFn) -> Any:
    """float64 input of BatchNorm1d (N, C) or (N, C, L), or BatchNorm2d (N, C, H, W), N >= 2."""
    rest = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    shape = (draw(st.integers(2, 4)), draw(st.integers(1, 3))) + rest
    return draw(hnp.arrays("float64", shape, elements=st.floats(-10, 10)))


@st.composite
def sequential_case(draw: st.DrawFn) -> dict[str, Any]:
    """Layer widths of a Linear/activation stack, the activations between, and an input."""
    widths = draw(st.lists(st.integers(1, 4), min_size=2, max_size=4))
    acts = draw(st.lists(st.sampled_from(("ReLU", "Tanh", "Sigmoid")), min_size=len(widths) - 1,
                         max_size=len(widths) - 1))
    return {"widths": widths, "acts": acts, "x": draw(unit_floats((draw(st.integers(1, 3)), widths[0])))}


@st.composite
def softmax_case(draw: st.DrawFn) -> dict[str, Any]:
    x = draw(unit_floats(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4), 20.0))
    return {"x": x, "dim": draw(st.integers(-x.ndim, x.ndim - 1))}


STRATEGIES = {
    "init_default_layer": lambda: init_default_layer(),
    "init_kaiming_case": lambda: init_kaiming_case(),
    "init_leaky_slope": lambda: st.floats(0.0, 10.0),
    "layers_linear_case": lambda: linear_case(),
    "layers_conv1d_case": lambda: conv_case(1),
    "layers_conv2d_case": lambda: conv_case(2),
    "layers_conv_geometry": lambda: conv_geometry(),
    "layers_conv_transpose_geometry": lambda: conv_transpose_geometry(),
    "layers_pool_case": lambda: pool_case(),
    "layers_rnn_case": lambda: rnn_case(),
    "layers_padding_mode_case": lambda: padding_mode_case(),
    "layers_unbatched_case": lambda: unbatched_case(),
    "layers_batchnorm_input": lambda: batchnorm_case(),
    "layers_sequential_case": lambda: sequential_case(),
    "layers_softmax_case": lambda: softmax_case(),
    "layers_activation_input": lambda: unit_floats(
        hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4), 10.0
    ),
    "layers_image": lambda: unit_floats(
        st.tuples(st.integers(1, 2), st.integers(1, 3), st.integers(3, 7), st.integers(3, 7))
    ),
    "layers_dropout_p": lambda: st.floats(0.1, 0.9),
    "layers_flatten_input": lambda: unit_floats(hnp.array_shapes(min_dims=2, max_dims=4, min_side=1, max_side=3)),
}
