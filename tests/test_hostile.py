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
HOSTILE_ATTRS = ("hangs", "aborts", "raises_exotic", "wrong_types", "mutates_inputs")
pytestmark = pytest.mark.slow  # a long run with hangs and crashes: tox -e proofs


def _run(backend: str, out) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
    """The suite against one backend, hang-proof: -n 2 with a thread-method timeout."""
    cmd = [sys.executable, "-m", "pytest", "conformance", "-p", "no:cacheprovider", "-o", "addopts=", "-q",
           "--backend", backend, "--device", "cpu", "-n", "2", "--timeout", "30", "--timeout-method", "thread",
           "--hypothesis-profile", "ci", "--conformance-report", str(out)]
    for pattern in CLAIMS:
        cmd += ["--claims", pattern]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=900)
    return proc, json.loads((out / "report.json").read_text())["results"]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One run per backend (torch, then each hostile one), so each run meets one kind of trouble."""
    returncodes, results = {}, {}
    for name in ("torch", *(f"tests.hostile_backends:{n}" for n in HOSTILE_ATTRS)):
        proc, records = _run(name, tmp_path_factory.mktemp("hostile"))
        returncodes[name] = (proc.returncode, proc.stdout[-3000:] + proc.stderr[-3000:])
        results.update({(r["claim"], r["backend"]): r for r in records})
    return returncodes, results


def _uses(claim_id: str, functions: tuple[str, ...]) -> bool:
    """Whether the claim's module calls one of the functions (checks call through helpers and tables)."""
    source = inspect.getsource(inspect.getmodule(spec.claim_by_id(claim_id).check))
    return any(f".{fn}(" in source or f'"{fn}"' in source for fn in functions)


def test_every_run_completes_with_a_result_for_every_claim_and_backend(hostile_run):
    returncodes, results = hostile_run
    assert returncodes.pop("torch")[0] == 0
    assert {name: rc for name, (rc, _) in returncodes.items() if rc != 1} == {}, returncodes
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
