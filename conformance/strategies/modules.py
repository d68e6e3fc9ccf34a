"""Module structures and small layer inputs for the modules and functional claims.

A *module tree* is plain data that a check builds with the backend's
``nn.Module``: a list of entries, each a dict with a ``kind`` and a ``name``:

* ``{"kind": "param", "name": "a", "shape": (2,), "value": 0.5}``: a Parameter attribute;
* ``{"kind": "buffer", "name": "b", "shape": (2,), "dtype": "float32", "persistent": True}``;
* ``{"kind": "plain", "name": "c", "shape": (2,)}``: a plain tensor attribute;
* ``{"kind": "child", "name": "d", "tree": [...]}``: a submodule.

Entries are in assignment order; names are unique within a node and drawn in
a random order, so that no claim can pass by sorting names.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from conformance.strategies.arrays import float_arrays

NAMES = ("a", "b", "c", "d", "e", "f")
KINDS = ("param", "buffer", "plain", "child")


def _shape() -> st.SearchStrategy[tuple[int, ...]]:
    return hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=3)


@st.composite
def _entry(draw: st.DrawFn, name: str, depth: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(KINDS if depth > 0 else KINDS[:3]))
    if kind == "child":
        return {"kind": kind, "name": name, "tree": draw(module_tree(depth=depth - 1, max_entries=3))}
    entry: dict[str, Any] = {"kind": kind, "name": name, "shape": draw(_shape())}
    if kind == "param":
        entry["value"] = draw(st.sampled_from((0.5, -1.0, 2.0, 3.5)))
    if kind == "buffer":
        entry["dtype"] = draw(st.sampled_from(("float32", "int64")))
        entry["persistent"] = draw(st.booleans())
    return entry


@st.composite
def module_tree(draw: st.DrawFn, depth: int = 2, max_entries: int = 4) -> list[dict[str, Any]]:
    """A random nesting of parameters, buffers, plain tensors and submodules."""
    names = draw(st.permutations(NAMES))[: draw(st.integers(0, max_entries))]
    return [draw(_entry(name, depth)) for name in names]


def param_paths(tree: list[dict[str, Any]], prefix: str = "") -> list[str]:
    """Dotted names of every parameter of a tree, in registration order."""
    paths = [prefix + e["name"] for e in tree if e["kind"] == "param"]
    for e in tree:
        if e["kind"] == "child":
            paths += param_paths(e["tree"], prefix + e["name"] + ".")
    return paths


@st.composite
def tree_with_shared_parameter(draw: st.DrawFn) -> tuple[list[dict[str, Any]], str]:
    """A tree with at least one parameter, and the dotted path of one to share."""
    tree = draw(module_tree())
    if not param_paths(tree):
        used = {e["name"] for e in tree}
        tree = tree + [{"kind": "param", "name": next(n for n in NAMES if n not in used), "shape": (2,), "value": 1.0}]
    return tree, draw(st.sampled_from(param_paths(tree)))


@st.composite
def batchnorm_config(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "dims": draw(st.sampled_from((1, 2))),
        "num_features": draw(st.integers(1, 4)),
        "affine": draw(st.booleans()),
        "track_running_stats": draw(st.booleans()),
    }


@st.composite
def batchnorm_batches(draw: st.DrawFn) -> dict[str, Any]:
    """1 to 3 float64 batches of shape (n, C), n >= 2, and a momentum."""
    n, c = draw(st.integers(2, 5)), draw(st.integers(1, 4))
    k = draw(st.integers(1, 3))
    batches = [draw(float_arrays(dtype="float64", shape=(n, c), bound=10.0)) for _ in range(k)]
    return {"batches": batches, "momentum": draw(st.sampled_from((0.1, 0.3, 0.9)))}


@st.composite
def conv2d_case(draw: st.DrawFn) -> dict[str, Any]:
    """A small Conv2d configuration and a float64 input batch that fits it."""
    cin, cout = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    k, stride, padding = draw(st.integers(1, 3)), draw(st.integers(1, 2)), draw(st.integers(0, 1))
    side = draw(st.integers(max(k - 2 * padding, 1), 5))
    x = draw(float_arrays(dtype="float64", shape=(draw(st.integers(1, 2)), cin, side, side), bound=10.0))
    return {"in": cin, "out": cout, "kernel": k, "stride": stride, "padding": padding,
            "bias": draw(st.booleans()), "x": x}


@st.composite
def linear_case(draw: st.DrawFn) -> dict[str, Any]:
    """Linear sizes and a float32 input batch of shape (n, in)."""
    fan_in, fan_out = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    return {"in": fan_in, "out": fan_out, "x": draw(_batch(fan_in))}


def _batch(features: int) -> st.SearchStrategy[Any]:
    return float_arrays(dtype="float32", shape=st.tuples(st.integers(1, 4), st.just(features)), bound=10.0)


STRATEGIES = {
    "module_tree": lambda: module_tree(),
    "module_tree_with_shared_parameter": lambda: tree_with_shared_parameter(),
    "module_batchnorm_config": lambda: batchnorm_config(),
    "module_batchnorm_batches": lambda: batchnorm_batches(),
    "module_linear_sizes": lambda: st.tuples(st.integers(1, 4), st.integers(1, 4)),
    "functional_linear_case": lambda: linear_case(),
    "module_batch_of_2_features": lambda: _batch(2),
    "module_batch_of_5_features": lambda: _batch(5),
    "module_sgd_lr": lambda: st.sampled_from((0.1, 0.25, 0.5)),
    "functional_conv2d_case": lambda: conv2d_case(),
    "module_float32_array": lambda: float_arrays(dtype="float32", min_dims=1, bound=10.0),
}
