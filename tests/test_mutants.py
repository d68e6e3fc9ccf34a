"""Every mutant is caught by the claims it names: proof that those claims can fail."""

from __future__ import annotations

import pytest

from tests.mutant_runs import expand, run_against_mutant
from tests.mutants import Mutant, all_mutants

MUTANTS = all_mutants()
pytestmark = pytest.mark.slow  # one subprocess per mutant: tox -e proofs


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_mutant_is_killed_by_its_target_claims(mutant: Mutant) -> None:
    targets = expand(mutant.kills)
    assert targets, f"mutant {mutant.name} names no existing claim in {mutant.kills}"
    run = run_against_mutant(mutant.name, sorted(targets))
    survived = targets - run.failed
    assert not survived, f"{mutant.description}: not caught by {sorted(survived)}\n{run.output[-3000:]}"
