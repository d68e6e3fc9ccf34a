"""Mutants of the broadcasting area."""

from __future__ import annotations

from typing import Any

from tests.mutants import Mutant


def _mul_is_add(torch: Any) -> None:
    torch.mul = torch.add


MUTANTS: list[Mutant] = [
    Mutant(
        name="mul_is_add",
        description="torch.mul computes x + y",
        patch=_mul_is_add,
        kills=("broadcasting.binary-op.values-match-numpy", "broadcasting.binary-op.grad-summed-to-operand-shape"),
    ),
]
