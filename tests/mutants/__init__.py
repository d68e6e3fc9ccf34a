"""Mutant backends: real torch with exactly one documented behaviour broken.

A mutant is a backend whose namespace is torch after one ``patch`` has been
applied.  Patches monkeypatch torch in the process that loads the mutant, so
each mutant runs in a subprocess of its own (see ``tests/test_mutants.py``),
named on the command line as ``--backend tests.mutants:<name>``.  The claims
listed in ``kills`` must fail against it: that is the proof those claims can
fail at all.

Each area keeps its mutants in its own module, listed in ``_MODULES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conformance.backends.torch_backend import TorchBackend

_MODULES = (
    "creation", "broadcasting", "indexing", "autograd", "modules", "serialization",
    "devices", "init", "layers", "training",
)


# Testable claims no mutant kills yet, each with the reason.  tests/test_mutation_coverage.py
# requires every other testable claim to be named in some mutant's ``kills``.
UNCOVERED: dict[str, str] = {
    "autograd.example.doc-says-output-block-is-printed": (
        "a refuted claim about what a program prints; a mutant would have to print five unrelated "
        "tensors before print(x), which is no torch behaviour"
    ),
    "devices.tensor.moving-keeps-values-and-gradients-flow-back": (
        "needs a second device holding values; mutants run on torch-cpu only, where it is skipped "
        "(killed by tensor_to_ignores_device on a GPU machine)"
    ),
    "devices.module.to-keeps-parameter-objects-for-an-earlier-optimizer": (
        "needs a second device holding values; skipped on torch-cpu, where mutants run"
    ),
    "devices.checkpoint.loads-across-devices-with-its-values": (
        "needs a second device holding values; skipped on torch-cpu, where mutants run"
    ),
    "devices.stateful.save-load-move-sequences": (
        "needs a second device holding values; skipped on torch-cpu, where mutants run"
    ),
}


@dataclass(frozen=True)
class Mutant:
    """One deliberate break: what it breaks, how, and the claims that must catch it."""

    name: str
    description: str
    patch: Callable[[Any], None]  # receives the torch module; breaks one thing in place
    kills: tuple[str, ...]  # claim ids (or globs) that must fail against this mutant


class MutantBackend(TorchBackend):
    def __init__(self, mutant: Mutant) -> None:
        self.mutant = mutant
        self.name = f"mutant-{mutant.name}"
        self._patched = False

    @property
    def namespace(self) -> Any:
        torch = super().namespace
        if not self._patched:
            self.mutant.patch(torch)
            self._patched = True
        return torch


def all_mutants() -> list[Mutant]:
    found: list[Mutant] = []
    for module in _MODULES:
        found += importlib.import_module(f"tests.mutants.{module}").MUTANTS
    names = [m.name for m in found]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"mutant names used twice: {sorted(duplicates)}")
    return found


def __getattr__(name: str) -> MutantBackend:
    """``--backend tests.mutants:<mutant name>`` loads that mutant."""
    for mutant in all_mutants():
        if mutant.name == name:
            return MutantBackend(mutant)
    raise AttributeError(name)
