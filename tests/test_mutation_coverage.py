"""Every testable claim can fail: some mutant names it among the claims it kills,
or it is listed in tests.mutants.UNCOVERED with the reason it is not killed yet.
(tests/test_mutants.py proves each mutant is in fact killed by the claims it names.)"""

from __future__ import annotations

import spec
from tests.mutant_runs import expand
from tests.mutants import UNCOVERED, all_mutants


def killed_claims() -> set[str]:
    return {claim_id for m in all_mutants() for claim_id in expand(m.kills)}


def test_there_are_at_least_forty_mutants_with_distinct_names():
    assert len(all_mutants()) >= 40


def test_every_testable_claim_is_killed_by_a_mutant_or_listed_with_a_reason():
    testable = {c.id for c in spec.all_claims() if c.testable}
    survivors = sorted(testable - killed_claims() - set(UNCOVERED))
    print("\nnot yet covered by a mutant:")
    for claim_id, reason in sorted(UNCOVERED.items()):
        print(f"  {claim_id}: {reason}")
    assert survivors == [], f"claims no mutant kills and UNCOVERED does not list: {survivors}"


def test_the_uncovered_list_names_only_testable_claims_that_no_mutant_kills():
    testable = {c.id for c in spec.all_claims() if c.testable}
    assert set(UNCOVERED) <= testable
    assert set(UNCOVERED) & killed_claims() == set()
