"""The conformance suite as pytest nodes: one item per (claim, backend, device).

This file is what ``pytest conformance`` collects (the plugin claims it in
``pytest_collect_file``).  Item names read ``<claim id>[<backend>-<device>]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SUITE_FILE = Path(__file__).resolve()


class SuiteFile(pytest.File):
    """Expands the run's plan into claim items."""

    def collect(self) -> Iterator[pytest.Item]:
        import spec

        plan = self.config.stash[PLAN_KEY]
        for claim_id in plan.claim_ids:
            c = spec.claim_by_id(claim_id)
            for target in plan.targets:
                item = ClaimItem.from_parent(self, name=f"{c.id}[{target.label}]", claim=c, target=target)
                item.add_marker(c.area)
                yield item


class ClaimItem(pytest.Item):
    def __init__(self, *, claim: Any, target: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claim = claim
        self.target = target
        self.user_properties.append(
            ("conformance", {"claim": claim.id, "backend": target.backend.name, "device": target.device})
        )

    def record(self, **facts: Any) -> None:
        """Facts for the report (examples, failure details), carried to the controller by xdist."""
        self.user_properties.append(("conformance", facts))

    def runtest(self) -> None:
        from conformance import runner

        plan = self.config.stash[PLAN_KEY]
        if self.target.missing:
            if plan.require_device:
                self.record(failure=f"--require-device: {self.target.missing}")
                pytest.fail(f"--require-device: {self.target.missing}", pytrace=False)
            self.record(not_run=True)
            pytest.skip(self.target.missing)
        backend, device = self.target.backend, self.target.device
        other, why_not = runner.second_device(self.claim, backend, device)
        if why_not:
            self.record(not_run=True)
            pytest.skip(why_not)
        reason = runner.expectation(self.claim, backend)
        try:
            examples = runner.run_claim(
                self.claim, backend, device, other=other,
                run_seed=self.config.getoption("conformance_seed"),
                profile=self.config.getoption("hypothesis_profile", None),
            )
        except Exception as exc:
            example, repro = runner.falsifying_example(exc)
            self.record(failure=runner.describe(exc), falsifying_example=example, reproduction=repro)
            if reason is None:
                raise
            pytest.xfail(f"{reason} [{runner.describe(exc)}]")
        self.record(examples=examples)
        if reason is not None:
            self.record(unexpected_pass=True, expected_reason=reason)
            pytest.fail(f"unexpected pass (strict): {self.claim.id} was expected to fail: {reason}", pytrace=False)

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        from conformance.compare import Mismatch

        c = self.claim
        quote = " / ".join(line.strip() for line in c.source.quote.splitlines() if line.strip())
        header = [
            f"claim {c.id} on {self.target.backend.name} {self.target.device}",
            f"  source:    {c.source.seed} lines {c.source.first_line}-{c.source.last_line}",
            f"  quote:     {quote}",
            f"  statement: {c.statement}",
            f"  rerun:     pytest conformance --backend {self.target.backend.name} "
            f"--device {self.target.device} --claims '{c.id}'",
        ]
        exc = excinfo.value
        from conformance.runner import BackendMisbehaved

        if isinstance(exc, (Mismatch, BackendMisbehaved, pytest.fail.Exception)):
            body = str(exc.msg if isinstance(exc, pytest.fail.Exception) else exc)
        else:
            body = _formatted(self, excinfo)
        notes = [n for n in getattr(exc, "__notes__", []) if n not in body]
        return "\n".join(header + ["", body] + notes)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.name


def _formatted(item: ClaimItem, excinfo: Any) -> str:
    """pytest's short traceback, or, if formatting itself fails (a hostile backend can
    leave the interpreter unable to parse source), the frames without source lines."""
    import traceback

    from conformance.runner import describe

    try:
        return str(item._repr_failure_py(excinfo, style="short"))
    except Exception as error:  # noqa: BLE001
        frames = traceback.extract_tb(excinfo.value.__traceback__, limit=12)
        lines = [f"  {f.filename}:{f.lineno} in {f.name}" for f in frames]
        return "\n".join([describe(excinfo.value), *lines, f"(traceback not formatted: {describe(error)})"])


PLAN_KEY = pytest.StashKey[Any]()
