"""Running the suite against one mutant backend, in a subprocess of its own."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import spec

REPO = Path(__file__).resolve().parent.parent
FAILED = re.compile(r"^FAILED conformance/suite\.py::(?P<id>\S+)\[(?P<target>[^\]]+)\]", re.M)


@dataclass
class MutantRun:
    failed: set[str]
    output: str
    returncode: int


def run_against_mutant(name: str, claims: list[str] | None = None, *extra: str) -> MutantRun:
    """Run the suite (or some claims) against ``tests.mutants:<name>`` on cpu."""
    cmd = [sys.executable, "-m", "pytest", "conformance", "--backend", f"tests.mutants:{name}",
           "--device", "cpu", "-q", "-rf", "-p", "no:cacheprovider", "--hypothesis-profile", "ci",
           "-o", "addopts=", *extra]
    for pattern in claims or []:
        cmd += ["--claims", pattern]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    return MutantRun({m["id"] for m in FAILED.finditer(out)}, out, proc.returncode)


def expand(patterns: tuple[str, ...]) -> set[str]:
    """Claim ids named by ids or globs."""
    return {c.id for p in patterns for c in spec.select(p)}
