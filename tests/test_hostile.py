"""A hostile backend cannot crash or hang the run, nor fool it.

One run over torch and five hostile backends (tests/hostile_backends.py),
made hang-proof the documented way: pytest-timeout (``--timeout`` with
``--timeout-method thread``) ends the process of a hung claim, and
pytest-xdist (``-n 2``) replaces a worker that died, whether it hung or crashed.
(The signal method is not enough: hypothesis treats the timeout's failure as a
bug to shrink and calls the hanging function again, with no timer left.)
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys

import pytest

import spec
from tests.conftest import REPO

HOSTILE = {
    # backend name: (hostile functions, what the failure reason must say)
    "hangs": (("empty",), "crashed"),
    "aborts": (("ones_like",), "crashed"),
    "raises-exotic": (("zeros", "ones", "rand", "randn", "empty"), "the backend raised"),
    "wrong-types": (("add", "mul"), ""),
    "mutates-inputs": (("from_numpy",), ""),
}
CLAIMS = ("creation.*", "broadcasting.*", "numpy_interop.*")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    cmd = [sys.executable, "-m", "pytest", "conformance", "-p", "no:cacheprovider", "-o", "addopts=", "-q",
           "--backend", "torch", "--device", "cpu", "-n", "2", "--timeout", "30", "--timeout-method", "thread",
           "--hypothesis-profile", "ci",
           "--conformance-report", str(out)]
    for name in ("hangs", "aborts", "raises_exotic", "wrong_types", "mutates_inputs"):
        cmd += ["--backend", f"tests.hostile_backends:{name}"]
    for pattern in CLAIMS:
        cmd += ["--claims", pattern]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=900)
    data = json.loads((out / "report.json").read_text())
    return proc, {(r["claim"], r["backend"]): r for r in data["results"]}


def _uses(claim_id: str, functions: tuple[str, ...]) -> bool:
    source = inspect.getsource(spec.claim_by_id(claim_id).check)
    return any(f".{fn}(" in source or f'"{fn}"' in source for fn in functions)


def test_the_run_completes_with_a_result_for_every_claim_and_backend(hostile_run):
    proc, results = hostile_run
    assert proc.returncode == 1, proc.stdout[-3000:]
    claims = {c for c, _ in results}
    assert {(c, b) for c in claims for b in ["torch", *HOSTILE]} == set(results)


@pytest.mark.parametrize("backend", list(HOSTILE))
def test_affected_claims_fail_with_a_clear_reason_and_the_others_are_unaffected(hostile_run, backend):
    _, results = hostile_run
    functions, reason = HOSTILE[backend]
    affected = []
    for (claim_id, name), record in results.items():
        if name != backend:
            continue
        baseline = results[(claim_id, "torch")]["outcome"]
        if record["outcome"] == baseline:
            continue
        affected.append(claim_id)
        assert record["outcome"] == "fail", (claim_id, record)
        assert reason in (record["reason"] or ""), (claim_id, record["reason"])
        assert _uses(claim_id, functions), f"{claim_id} does not call {functions} but was affected: {record}"
    assert affected, f"no claim noticed the hostile {backend} backend"
