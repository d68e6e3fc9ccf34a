"""No check is flaky.

Statistical claims state a false-positive rate of at most 1e-6 and pass under
200 different seeds on torch and on the reference backend; two whole-suite
runs with different hypothesis seeds reach the same verdicts.  The long runs
are marked ``slow`` (``tox -e proofs`` runs them; ``-m "not slow"`` skips them).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

import spec
from conformance import backends as bk
from conformance.runner import run_claim
from tests.conftest import REPO

STATISTICAL = [c for c in spec.all_claims() if c.statistical]
SEEDS = 200
RATE = re.compile(r"false[- ]positive rate[^0-9]*(?:<=|≤|at most|of)?\s*([0-9.]+e-?[0-9]+)", re.IGNORECASE)


def test_there_are_statistical_claims():
    assert len(STATISTICAL) >= 3


@pytest.mark.parametrize("c", STATISTICAL, ids=[c.id for c in STATISTICAL])
def test_a_statistical_claim_states_a_false_positive_rate_of_at_most_one_in_a_million(c):
    found = RATE.search(c.check.__doc__ or "")
    assert found, f"{c.id}: state 'false-positive rate <number>' in the docstring"
    assert float(found.group(1)) <= 1e-6


@pytest.mark.slow
@pytest.mark.parametrize("backend_name", ["torch", "reference"])
@pytest.mark.parametrize("c", STATISTICAL, ids=[c.id for c in STATISTICAL])
def test_a_statistical_claim_passes_under_200_seeds(backend_name, c):
    backend = bk.load(backend_name)
    failures = []
    for run_seed in range(1, SEEDS + 1):
        try:
            run_claim(c, backend, "cpu", run_seed=run_seed, profile="ci")
        except AssertionError as exc:
            failures.append((run_seed, str(exc).splitlines()[0]))
    assert failures == [], f"{len(failures)} of {SEEDS} seeds failed: {failures[:5]}"


def _verdicts(hypothesis_seed: int, tmp_path) -> dict[str, str]:
    out = tmp_path / f"seed{hypothesis_seed}"
    cmd = [sys.executable, "-m", "pytest", "conformance", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
           "--backend", "torch", "--backend", "reference", "--device", "cpu", "-n", "2", "--timeout", "600",
           "--hypothesis-seed", str(hypothesis_seed), "--conformance-report", str(out)]
    subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=3000)
    results = json.loads((out / "report.json").read_text())["results"]
    return {f"{r['claim']}[{r['backend']}-{r['device']}]": r["outcome"] for r in results}


@pytest.mark.slow
def test_two_runs_with_different_hypothesis_seeds_reach_the_same_verdicts(tmp_path):
    first, second = _verdicts(1, tmp_path), _verdicts(2, tmp_path)
    assert first.keys() == second.keys()
    differing = {k: (first[k], second[k]) for k in first if first[k] != second[k]}
    assert differing == {}
