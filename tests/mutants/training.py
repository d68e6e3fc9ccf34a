"""Mutants of the training area."""

from __future__ import annotations

from tests.mutants import Mutant

MUTANTS: list[Mutant] = []
