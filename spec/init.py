"""Default initialisation of Linear and conv layers, kaiming_uniform_ and calculate_gain.

torch initialises Linear and Conv* weights with ``kaiming_uniform_(w, a=sqrt(5))``,
which is U(-1/sqrt(fan_in), 1/sqrt(fan_in)), and biases with the same uniform
law; fan_in is ``w.size(1) * prod(kernel)``.  Statistical checks re-run the init
(``reset_parameters``) until about a thousand values are collected, divided by the bound.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from spec import Verdict, expect, stats
from spec._claim import claim
from spec.seeds import COMPARISON

HE_QUOTE = "卷积层和全连接层权重采用He-Uniform初始化"
BIAS_QUOTE = "bias采用（-1，1）均匀分布"
SAMPLES = 1024
# One generated example runs three tests at 5e-10 each; the union bound over the
# 500 examples of the 'thorough' profile keeps a claim's false-positive rate below 1e-6.
PER_EXAMPLE_FPR = 5e-10


def build(t: Any, layer: dict[str, Any]) -> Any:
    """The layer a configuration from the ``init_default_layer`` strategy describes."""
    if layer["kind"] == "linear":
        return t.nn.Linear(layer["in"], layer["out"])
    make = {"conv1d": t.nn.Conv1d, "conv2d": t.nn.Conv2d, "conv_transpose2d": t.nn.ConvTranspose2d}
    return make[layer["kind"]](layer["in"], layer["out"], layer["kernel"], groups=layer["groups"])


def fan_in(layer: dict[str, Any]) -> int:
    """Inputs feeding one output: in/groups * prod(kernel); out/groups for a transposed conv."""
    feeding = layer["out"] if layer["kind"] == "conv_transpose2d" else layer["in"]
    return feeding // layer["groups"] * math.prod(layer["kernel"])


def collect(draw: Callable[[], Any], n: int = SAMPLES, again: Callable[[], Any] | None = None) -> np.ndarray[Any, Any]:
    """Call ``draw`` (which returns a tensor) until at least n values are collected.

    ``again`` (e.g. ``layer.reset_parameters``), when given, is called before every draw
    but the first: re-running the default init is cheaper than building a new layer.
    """
    chunks: list[Any] = []
    count = 0
    while count < n:
        if chunks and again is not None:
            again()
        chunks.append(expect.numpy_of(draw()).astype(np.float64).ravel())
        count += chunks[-1].size
    return np.concatenate(chunks)


def expect_uniform(what: str, values: np.ndarray[Any, Any], bound: float) -> None:
    """Values within [-bound, bound], both extremes approached, and a KS test against U(-bound, bound).

    Extremes: P(max < (1 - delta) bound) = (1 - delta/2)^n, delta chosen so that this is
    PER_EXAMPLE_FPR per side; KS: the DKW bound at PER_EXAMPLE_FPR.
    """
    u = values / bound
    n = u.size
    expect.true(f"every value of {what} within +-{bound:.6g}", np.abs(u).max() <= 1.0 + 1e-6,
                f"max |value| / bound = {np.abs(u).max():.6g}")
    delta = 2.0 * (1.0 - PER_EXAMPLE_FPR ** (1.0 / n))
    expect.true(f"{what} to reach within {delta:.3g} * bound of both ends", u.max() >= 1 - delta
                and u.min() <= -(1 - delta), f"range / bound = [{u.min():.4f}, {u.max():.4f}] over {n} values")
    d, eps = stats.ks_distance(u.tolist(), stats.uniform_cdf(-1.0, 1.0)), stats.dkw_epsilon(n, PER_EXAMPLE_FPR)
    expect.true(f"{what} to look uniform on +-bound", d <= eps, f"KS distance {d:.4f} > {eps:.4f} over {n} values")


@claim(
    id="init.default.doc-says-weights-are-he-uniform",
    seed=COMPARISON, lines=(14, 14),
    quote=HE_QUOTE,
    statement="As written: conv and Linear weights are He-uniform, U(-sqrt(6/fan_in), sqrt(6/fan_in)).",
    verdict=Verdict.PARTLY,
    paired_with="init.default.weight-uniform-inv-sqrt-fan-in",
    refs=("torch/nn/modules/linear.py: Linear.reset_parameters",),
)
def doc_weights_are_he_uniform(t, device):
    """It is kaiming_uniform_, but with a=sqrt(5): the bound is 1/sqrt(fan_in), not He's sqrt(6/fan_in).

    fan_in = 64 for both; under He-uniform, max |w| < 0.9 * sqrt(6/64) has probability 0.95^512 < 1e-11.
    """
    he_bound = math.sqrt(6 / 64)
    for name, layer in (("Linear(64, 32)", t.nn.Linear(64, 32)), ("Conv2d(4, 8, 4)", t.nn.Conv2d(4, 8, 4))):
        w = np.abs(expect.numpy_of(layer.to(device).weight))
        expect.true(f"max |{name}.weight| near the He bound sqrt(6/fan_in)", w.max() >= 0.9 * he_bound,
                    f"max |w| = {w.max():.4f}, He bound {he_bound:.4f}")


@claim(
    id="init.default.weight-uniform-inv-sqrt-fan-in",
    seed=COMPARISON, lines=(14, 14),
    quote=HE_QUOTE,
    statement="Linear, Conv1d, Conv2d (any groups) and ConvTranspose2d weights are "
    "U(-1/sqrt(fan_in), 1/sqrt(fan_in)), i.e. kaiming_uniform_(a=sqrt(5)); "
    "fan_in = in/groups * prod(kernel), out/groups * prod(kernel) for ConvTranspose2d.",
    inputs={"layer": "init_default_layer"},
    refs=("torch/nn/modules/conv.py: _ConvNd.reset_parameters", "torch/nn/init.py: _calculate_fan_in_and_fan_out"),
)
def default_weight_is_uniform_inv_sqrt_fan_in(t, device, layer, seed):
    """ConvTranspose weights are (in, out/groups, *k), so their fan_in counts out_channels: a surprise.

    Statistical: see expect_uniform; false-positive rate 1.5e-9 per example, 7.5e-7 over 500 examples.
    """
    t.manual_seed(seed)
    m = build(t, layer).to(device)
    w = collect(lambda: m.weight, again=m.reset_parameters)
    expect_uniform(f"{layer['kind']} weight", w, 1 / math.sqrt(fan_in(layer)))


@claim(
    id="init.default.doc-says-bias-uniform-minus-one-one",
    seed=COMPARISON, lines=(14, 14),
    quote=BIAS_QUOTE,
    statement="As written: conv and Linear biases are drawn from U(-1, 1).",
    verdict=Verdict.REFUTED,
    paired_with="init.default.bias-uniform-inv-sqrt-fan-in",
    refs=("torch/nn/modules/linear.py: Linear.reset_parameters",),
)
def doc_bias_is_uniform_minus_one_one(t, device):
    """The bias bound is 1/sqrt(fan_in) (0.25 for Linear(16, 64)), not 1.

    Under U(-1, 1) all 64 values fall inside +-0.5 with probability 0.5^64 < 1e-19.
    """
    b = expect.numpy_of(t.nn.Linear(16, 64).to(device).bias)
    expect.true("every bias value in (-1, 1)", np.abs(b).max() < 1.0)
    expect.true("Linear(16, 64).bias to spread over (-1, 1)", np.abs(b).max() > 0.5,
                f"max |b| = {np.abs(b).max():.4f}")


@claim(
    id="init.default.bias-uniform-inv-sqrt-fan-in",
    seed=COMPARISON, lines=(14, 14),
    quote=BIAS_QUOTE,
    statement="Linear, Conv1d, Conv2d and ConvTranspose2d biases are U(-1/sqrt(fan_in), 1/sqrt(fan_in)), "
    "with the weight's fan_in.",
    inputs={"layer": "init_default_layer"},
    refs=("torch/nn/modules/conv.py: _ConvNd.reset_parameters",),
)
def default_bias_is_uniform_inv_sqrt_fan_in(t, device, layer, seed):
    """Users expect U(-1, 1) or zeros; the bias shares the weight's 1/sqrt(fan_in) bound.

    Statistical: see expect_uniform; false-positive rate 1.5e-9 per example, 7.5e-7 over 500 examples.
    """
    t.manual_seed(seed)
    m = build(t, layer).to(device)
    b = collect(lambda: m.bias, again=m.reset_parameters)
    expect_uniform(f"{layer['kind']} bias", b, 1 / math.sqrt(fan_in(layer)))


@claim(
    id="init.kaiming-uniform.bound-is-gain-times-sqrt-3-over-fan",
    seed=COMPARISON, lines=(14, 14),
    quote=HE_QUOTE,
    statement="nn.init.kaiming_uniform_(w, a, mode, nonlinearity) fills w in place with "
    "U(-bound, bound), bound = calculate_gain(nonlinearity, a) * sqrt(3 / fan), fan = fan_in or fan_out.",
    inputs={"case": "init_kaiming_case"},
    refs=("torch/nn/init.py: kaiming_uniform_",),
)
def kaiming_uniform_bound_is_gain_sqrt_3_over_fan(t, device, case, seed):
    """The default a=0 with 'leaky_relu' gives He's sqrt(6/fan_in); mode='fan_out' uses w.size(0).

    Statistical: see expect_uniform; false-positive rate 1.5e-9 per example, 7.5e-7 over 500 examples.
    """
    t.manual_seed(seed)
    shape, a, mode, nonlinearity = case["shape"], case["a"], case["mode"], case["nonlinearity"]
    w = t.empty(*shape, device=device)
    out = t.nn.init.kaiming_uniform_(w, a=a, mode=mode, nonlinearity=nonlinearity)
    expect.true("kaiming_uniform_(w) to return w itself", out is w)
    fan = shape[1 if mode == "fan_in" else 0] * math.prod(shape[2:])
    gain = {"leaky_relu": math.sqrt(2 / (1 + a * a)), "relu": math.sqrt(2), "tanh": 5 / 3, "selu": 0.75}
    bound = gain.get(nonlinearity, 1.0) * math.sqrt(3 / fan)
    values = collect(lambda: t.nn.init.kaiming_uniform_(w, a=a, mode=mode, nonlinearity=nonlinearity))
    expect_uniform(f"kaiming_uniform_(w, a={a:.4g}, mode={mode!r}, nonlinearity={nonlinearity!r})", values, bound)


@claim(
    id="init.calculate-gain.table",
    seed=COMPARISON, lines=(14, 14),
    quote=HE_QUOTE,
    statement="calculate_gain: 1 for linear, conv and sigmoid; 5/3 for tanh; sqrt(2) for relu; "
    "sqrt(2 / (1 + 0.01^2)) for leaky_relu by default; 3/4 for selu.",
    refs=("torch/nn/init.py: calculate_gain",),
)
def calculate_gain_table(t, device):
    """He init scales by the nonlinearity's gain; a=sqrt(5) in the default init is a leaky_relu slope."""
    expected = {"linear": 1.0, "conv1d": 1.0, "conv2d": 1.0, "conv3d": 1.0, "conv_transpose1d": 1.0,
                "conv_transpose2d": 1.0, "conv_transpose3d": 1.0, "sigmoid": 1.0, "tanh": 5 / 3,
                "relu": math.sqrt(2), "leaky_relu": math.sqrt(2 / (1 + 0.01**2)), "selu": 0.75}
    for name, gain in expected.items():
        expect.close(f"nn.init.calculate_gain({name!r})", float(t.nn.init.calculate_gain(name)), gain)
    with expect.raises("nn.init.calculate_gain('softsign')", ValueError):
        t.nn.init.calculate_gain("softsign")


@claim(
    id="init.calculate-gain.leaky-relu-slope",
    seed=COMPARISON, lines=(14, 14),
    quote=HE_QUOTE,
    statement="calculate_gain('leaky_relu', a) is sqrt(2 / (1 + a^2)); with a = sqrt(5) it is 1/sqrt(3).",
    inputs={"slope": "init_leaky_slope"},
    refs=("torch/nn/init.py: calculate_gain",),
)
def calculate_gain_leaky_relu_slope(t, device, slope):
    """Why the default init's bound is 1/sqrt(fan_in): gain(sqrt(5)) * sqrt(3/fan_in) = 1/sqrt(fan_in)."""
    expect.close(f"nn.init.calculate_gain('leaky_relu', {slope!r})",
                 float(t.nn.init.calculate_gain("leaky_relu", slope)), math.sqrt(2 / (1 + slope * slope)))
    expect.close("nn.init.calculate_gain('leaky_relu', math.sqrt(5))",
                 float(t.nn.init.calculate_gain("leaky_relu", math.sqrt(5))), 1 / math.sqrt(3))
