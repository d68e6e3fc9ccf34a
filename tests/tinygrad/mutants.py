"""Deliberately broken copies of the tinygrad adapter: each must turn passing claims into failures.

Each mutant is the real adapter with one mapping wired wrong, the way an adapter author could
get it wrong.  If the claims that pass on the real adapter also passed on a mutant, those
passes would prove nothing about tinygrad.
"""

from __future__ import annotations

import types
from typing import Any

from tinygrad_conformance import TinygradBackend


class _Mutant(TinygradBackend):
    """The real backend, with ``patch(namespace)`` giving a broken copy of the namespace."""

    name = "tinygrad-mutant"

    def patch(self, ns: types.SimpleNamespace) -> None:
        raise NotImplementedError

    @property
    def namespace(self) -> Any:
        real = super().namespace
        ns = types.SimpleNamespace(**{k: getattr(real, k) for k in dir(real) if not k.startswith("__")})
        self.patch(ns)
        return ns


class OnesAreZeros(_Mutant):
    """t.ones mapped to tinygrad's Tensor.zeros."""

    def patch(self, ns: types.SimpleNamespace) -> None:
        ns.ones = ns.zeros


class MatmulTransposesLeft(_Mutant):
    """t.matmul(a, b) mapped to a.T @ b (a wrong argument translation)."""

    def patch(self, ns: types.SimpleNamespace) -> None:
        ns.matmul = lambda a, b: a.transpose().matmul(b)


class LinearForgetsBias(_Mutant):
    """nn.Linear's forward mapped to tinygrad's Tensor.linear without the bias."""

    def patch(self, ns: types.SimpleNamespace) -> None:
        real_nn = ns.nn

        class Linear(real_nn.Linear):
            def forward(self, x: Any) -> Any:
                return x.linear(self.weight.transpose())

        ns.nn = types.SimpleNamespace(**{k: getattr(real_nn, k) for k in dir(real_nn) if not k.startswith("__")})
        ns.nn.Linear = Linear


ones_are_zeros = OnesAreZeros()
matmul_transposes_left = MatmulTransposesLeft()
linear_forgets_bias = LinearForgetsBias()
