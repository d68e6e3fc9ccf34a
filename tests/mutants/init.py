"""Mutants of the init area: default init, kaiming_uniform_ and calculate_gain, each broken once."""

from __future__ import annotations

import math
from typing import Any

from tests.mutants import Mutant


def _kaiming_ignores_a(torch: Any) -> None:
    orig = torch.nn.init.kaiming_uniform_

    def kaiming_uniform_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
        return orig(tensor, 0, mode, nonlinearity, generator)

    torch.nn.init.kaiming_uniform_ = kaiming_uniform_


def _bias_uniform_minus_one_one(torch: Any) -> None:
    orig = torch.nn.init.uniform_  # the default init draws biases with it; weights use Tensor.uniform_

    def uniform_(tensor, a=0.0, b=1.0, generator=None):
        return orig(tensor, -1.0, 1.0, generator)

    torch.nn.init.uniform_ = uniform_


def _fan_modes_swapped(torch: Any) -> None:
    orig = torch.nn.init._calculate_correct_fan

    def _calculate_correct_fan(tensor, mode):
        return orig(tensor, "fan_out" if mode.lower() == "fan_in" else "fan_in")

    torch.nn.init._calculate_correct_fan = _calculate_correct_fan


def _conv_transpose_fan_in_from_in_channels(torch: Any) -> None:
    def reset_parameters(self):
        with torch.no_grad():
            torch.nn.init.kaiming_uniform_(self.weight.transpose(0, 1), a=math.sqrt(5))
            if self.bias is not None:
                bound = 1 / math.sqrt(self.in_channels * math.prod(self.kernel_size))
                torch.nn.init.uniform_(self.bias, -bound, bound)

    torch.nn.ConvTranspose2d.reset_parameters = reset_parameters


def _kaiming_edge_heavy(torch: Any) -> None:
    orig = torch.nn.init.kaiming_uniform_
    init = torch.nn.init

    def kaiming_uniform_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
        orig(tensor, a, mode, nonlinearity, generator)
        bound = init.calculate_gain(nonlinearity, a) * math.sqrt(3.0 / init._calculate_correct_fan(tensor, mode))
        with torch.no_grad():
            u = tensor / bound
            return tensor.copy_(bound * u.sign() * u.abs() ** (1 / 3))

    torch.nn.init.kaiming_uniform_ = kaiming_uniform_


def _gain_tanh_is_one(torch: Any) -> None:
    orig = torch.nn.init.calculate_gain

    def calculate_gain(nonlinearity, param=None):
        return 1 if nonlinearity == "tanh" else orig(nonlinearity, param)

    torch.nn.init.calculate_gain = calculate_gain


def _gain_ignores_leaky_slope(torch: Any) -> None:
    orig = torch.nn.init.calculate_gain

    def calculate_gain(nonlinearity, param=None):
        return orig(nonlinearity, None if nonlinearity == "leaky_relu" else param)

    torch.nn.init.calculate_gain = calculate_gain


MUTANTS: list[Mutant] = [
    Mutant(
        name="init_kaiming_ignores_a",
        description="kaiming_uniform_ ignores a (He's relu gain), so the default init is He-uniform",
        patch=_kaiming_ignores_a,
        kills=("init.default.doc-says-weights-are-he-uniform", "init.default.weight-uniform-inv-sqrt-fan-in",
               "init.kaiming-uniform.bound-is-gain-times-sqrt-3-over-fan"),
    ),
    Mutant(
        name="init_bias_uniform_minus_one_one",
        description="the default init draws biases from U(-1, 1), as the document says",
        patch=_bias_uniform_minus_one_one,
        kills=("init.default.doc-says-bias-uniform-minus-one-one", "init.default.bias-uniform-inv-sqrt-fan-in"),
    ),
    Mutant(
        name="init_fan_modes_swapped",
        description="kaiming_uniform_ uses fan_out for mode='fan_in' and fan_in for 'fan_out'",
        patch=_fan_modes_swapped,
        kills=("init.default.weight-uniform-inv-sqrt-fan-in",
               "init.kaiming-uniform.bound-is-gain-times-sqrt-3-over-fan"),
    ),
    Mutant(
        name="init_conv_transpose_fan_in_from_in_channels",
        description="ConvTranspose2d computes fan_in from in_channels, as if its weight were (out, in, k, k)",
        patch=_conv_transpose_fan_in_from_in_channels,
        kills=("init.default.weight-uniform-inv-sqrt-fan-in", "init.default.bias-uniform-inv-sqrt-fan-in"),
    ),
    Mutant(
        name="init_kaiming_edge_heavy",
        description="kaiming_uniform_ keeps the bound but piles values near +-bound (not uniform)",
        patch=_kaiming_edge_heavy,
        kills=("init.default.weight-uniform-inv-sqrt-fan-in",
               "init.kaiming-uniform.bound-is-gain-times-sqrt-3-over-fan"),
    ),
    Mutant(
        name="init_gain_tanh_is_one",
        description="calculate_gain('tanh') is 1 instead of 5/3",
        patch=_gain_tanh_is_one,
        kills=("init.calculate-gain.table",),
    ),
    Mutant(
        name="init_gain_ignores_leaky_slope",
        description="calculate_gain('leaky_relu', a) ignores a and uses the default slope 0.01",
        patch=_gain_ignores_leaky_slope,
        kills=("init.calculate-gain.leaky-relu-slope", "init.default.weight-uniform-inv-sqrt-fan-in"),
    ),
]
