"""Strategies of the serialization and devices claims: small module structures,
training plans to checkpoint, file extensions and device strings."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

MAX_WIDTH = 4
LAYER_KINDS = ("linear", "batchnorm", "relu")
FILE_EXTENSIONS = (".pth", ".pkl", ".pt", ".bin", ".ckpt", "")
OPTIMIZERS = ("sgd_momentum", "adam")
DEVICE_TYPES = ("cpu", "cuda", "meta")


@st.composite
def layer_stack(draw: st.DrawFn) -> dict[str, Any]:
    """A Sequential's recipe: Linear / BatchNorm1d / ReLU layers with drawn widths.

    The first layer is a Linear, so the state_dict is never empty; widths stay
    at most 4.  ``("linear", in, out, bias)``, ``("batchnorm", n, affine)``, ``("relu",)``.
    """
    width = draw(st.integers(1, MAX_WIDTH))
    layers: list[tuple[Any, ...]] = []
    for i in range(draw(st.integers(1, 4))):
        kind = "linear" if i == 0 else draw(st.sampled_from(LAYER_KINDS))
        if kind == "linear":
            out = draw(st.integers(1, MAX_WIDTH))
            layers.append(("linear", width, out, draw(st.booleans())))
            width = out
        elif kind == "batchnorm":
            layers.append(("batchnorm", width, draw(st.booleans())))
        else:
            layers.append(("relu",))
    return {"layers": tuple(layers), "dtype": draw(st.sampled_from(("float32", "float64")))}


@st.composite
def training_plan(draw: st.DrawFn) -> dict[str, Any]:
    """A Linear(n_in, n_out) trained for ``steps`` steps, checkpointed after ``checkpoint``."""
    steps = draw(st.integers(2, 5))
    return {
        "optimizer": draw(st.sampled_from(OPTIMIZERS)),
        "n_in": draw(st.integers(1, MAX_WIDTH)),
        "n_out": draw(st.integers(1, MAX_WIDTH)),
        "steps": steps,
        "checkpoint": draw(st.integers(1, steps - 1)),
        "via": draw(st.sampled_from(("path", "file object"))),
    }


@st.composite
def device_string(draw: st.DrawFn) -> dict[str, Any]:
    """A device string ``type`` or ``type:index`` with its expected parts."""
    kind = draw(st.sampled_from(DEVICE_TYPES))
    index = draw(st.none() | st.integers(0, 7))
    text = kind if index is None else f"{kind}:{index}"
    return {"text": text, "type": kind, "index": index}


STRATEGIES = {
    "serialization_layer_stack": lambda: layer_stack(),
    "serialization_key_pick": lambda: st.integers(0, 63),
    "serialization_file_extension": lambda: st.sampled_from(FILE_EXTENSIONS),
    "serialization_training_plan": lambda: training_plan(),
    "devices_device_string": lambda: device_string(),
    "devices_flag": lambda: st.booleans(),
    "serialization_truncation": lambda: st.floats(0.0, 0.999),
}
