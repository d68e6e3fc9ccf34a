"""The tinygrad adapter (backends/tinygrad): installed, discovered, honest, and its passes are real.

Needs ``pip install -e backends/tinygrad`` and the ``clang`` binary (tinygrad's CPU device);
skipped as a module otherwise.  Kept fast: a handful of claims per subprocess run.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

tinygrad_conformance = pytest.importorskip("tinygrad_conformance")

from tinygrad_conformance import expected_failures  # noqa: E402

import spec  # noqa: E402
from conformance import backends as bk  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PACKAGE = Path(tinygrad_conformance.__file__).resolve().parent
OUTCOME = re.compile(
    r"^(?P<outcome>PASSED|FAILED|XFAIL|XPASS|SKIPPED|ERROR) conformance/suite\.py::(?P<id>\S+)\[", re.M)

# Claims that pass on the real adapter, each caught by at least one mutant below.
PASSING = {
    "ones": "creation.ones.all-one-float32",
    "ones-2x3": "creation.zeros-ones.doc-example-2x3",
    "matmul": "broadcasting.matmul.batch-dims-broadcast-like-numpy",
    "linear": "layers.linear.is-x-wt-plus-b",
}
MUTANTS = {
    "ones_are_zeros": {PASSING["ones"], PASSING["ones-2x3"]},
    "matmul_transposes_left": {PASSING["matmul"]},
    "linear_forgets_bias": {PASSING["linear"]},
}


def _cpu_usable() -> bool:
    return "cpu" in tinygrad_conformance.backend.devices()


needs_cpu = pytest.mark.skipif(not _cpu_usable(), reason="tinygrad reports no CPU device (is clang installed?)")


def run_claims(backend: str, claims: list[str]) -> dict[str, str]:
    """claim id -> outcome of ``pytest conformance --backend BACKEND`` on these claims, on cpu."""
    cmd = [sys.executable, "-m", "pytest", "conformance", "--backend", backend, "--device", "cpu", "-rA",
           "-q", "-p", "no:cacheprovider", "-n", "0", "--hypothesis-profile", "ci", "-o", "addopts="]
    for c in claims:
        cmd += ["--claims", c]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    found = {m["id"].replace("::", "."): m["outcome"] for m in OUTCOME.finditer(proc.stdout)}
    assert found, proc.stdout[-3000:] + proc.stderr[-3000:]
    return found


def test_registered_through_the_entry_point_like_any_outside_package() -> None:
    assert "tinygrad" in bk.installed()
    assert bk.installed()["tinygrad"].value == "tinygrad_conformance:backend"
    backend = bk.load("tinygrad")
    assert backend.name == "tinygrad" and bk.version_of(backend) == "0.14.0"
    assert "cpu" in backend.device_kinds


def test_every_expected_failure_names_a_claim_with_a_reason() -> None:
    ids = {c.id for c in spec.all_claims()}
    for claim_id, reason in expected_failures.EXPECTED_FAILURES.items():
        assert claim_id in ids, f"{claim_id} names no claim"
        assert len(reason) > 20, f"{claim_id}: the reason must say precisely why"


def test_the_namespace_never_computes_values_outside_tinygrad() -> None:
    """No numpy, math or random module in the namespace package: every value comes from tinygrad."""
    for path in (PACKAGE / "torchlike").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    assert name.split(".")[0] not in {"numpy", "math", "random", "statistics"}, f"{path}: {name}"


def test_a_torch_name_without_tinygrad_equivalent_says_so() -> None:
    t = tinygrad_conformance.backend.namespace
    for get in (lambda: t.no_grad, lambda: t.nn.MSELoss, lambda: t.utils):
        with pytest.raises(AttributeError, match="tinygrad has no equivalent of torch"):
            get()


@needs_cpu
def test_passing_claims_pass_on_the_real_adapter() -> None:
    outcomes = run_claims("tinygrad", sorted(set(PASSING.values())))
    assert outcomes == {c: "PASSED" for c in PASSING.values()}


@needs_cpu
@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_a_mutated_adapter_fails_the_claims_the_real_one_passes(mutant: str) -> None:
    claims = sorted(MUTANTS[mutant])
    outcomes = run_claims(f"tests.tinygrad.mutants:{mutant}", claims)
    assert outcomes == {c: "FAILED" for c in claims}, outcomes
