"""Shared helpers for the harness's own tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Import once in the outer process: pytester's in-process runs restore sys.modules
# afterwards, and extension modules (numpy, torch) cannot be imported twice.
import conformance.runner  # noqa: F401
import conformance.strategies  # noqa: F401
import conformance.suite  # noqa: F401
import spec  # noqa: F401

try:
    import torch  # noqa: F401
    import torch.utils.data  # noqa: F401
except ImportError:  # the no-torch environment
    pass

REPO = Path(__file__).resolve().parent.parent
SUITE = REPO / "conformance"


@pytest.fixture
def run_suite(pytester: pytest.Pytester) -> Callable[..., Any]:
    """Run ``pytest conformance *args`` in-process (toy backends importable as tests.*)."""
    pytester.syspathinsert(REPO)

    def run(*args: str) -> pytest.RunResult:
        return pytester.runpytest(str(SUITE), "-p", "no:cacheprovider", "--hypothesis-profile", "ci", *args)

    return run
