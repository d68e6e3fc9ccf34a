"""Recording outcomes as the run goes: per-area progress, the terminal summary,
and the records the report files are written from.

Registered by the plugin on the controlling process only (not on xdist
workers): test reports reach it through ``pytest_runtest_logreport`` from
every worker.  Each claim item carries its identity in ``user_properties``
(``conformance``: claim, backend, device), so records never parse node ids.
"""

from __future__ import annotations

import collections
import time
from typing import Any

import pytest

PASS, FAIL, XFAIL, XPASS, NOT_RUN, SKIPPED = (
    "pass", "fail", "expected-failure", "unexpected-pass", "not-run", "skipped",
)
OUTCOMES = (PASS, FAIL, XFAIL, XPASS, NOT_RUN, SKIPPED)


def _props(report: Any) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key, value in report.user_properties:
        if key == "conformance":
            merged.update(value)
    return merged


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:500]


def outcome_of(report: Any, props: dict[str, Any]) -> tuple[str, str | None] | None:
    """(outcome, reason) for the report that decides an item, or None for the others."""
    if report.when == "setup" and report.failed:
        return FAIL, _first_line(str(report.longrepr))
    if report.when not in ("setup", "call", "teardown") and report.failed:  # e.g. xdist: worker crashed
        return FAIL, _first_line(str(report.longrepr))
    if report.when != "call" and not (report.when == "setup" and report.skipped):
        return None
    if hasattr(report, "wasxfail"):
        return XFAIL, report.wasxfail or None
    if report.passed:
        return PASS, None
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        return (NOT_RUN if props.get("not_run") else SKIPPED), reason
    if props.get("unexpected_pass"):
        return XPASS, props.get("expected_reason")
    return FAIL, props.get("failure") or _first_line(str(report.longrepr))


class Recorder:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.records: list[dict[str, Any]] = []
        self.started = time.time()
        self.area_total: collections.Counter[str] = collections.Counter()
        self.area_done: collections.Counter[str] = collections.Counter()
        self.area_outcomes: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)

    # -- progress ---------------------------------------------------------------
    def _expect(self, nodeids: list[str]) -> None:
        if self.area_total:
            return
        for nodeid in nodeids:
            name = nodeid.rsplit("::", 1)[-1]
            self.area_total[name.split(".", 1)[0]] += 1

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        self._expect([i.nodeid for i in items if _is_claim_nodeid(i.nodeid)])

    def pytest_xdist_node_collection_finished(self, node: Any, ids: list[str]) -> None:
        self._expect([i for i in ids if _is_claim_nodeid(i)])

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        for item in items:
            if _is_claim_nodeid(item.nodeid):
                props = _props(item)
                self.records.append(self._record(props, SKIPPED, "deselected by the user's filter", 0.0))

    def identify(self, nodeid: str) -> dict[str, Any]:
        """Claim, backend and device from a node id: for reports that carry no properties,
        such as the one xdist writes for an item whose worker crashed."""
        from conformance.suite import PLAN_KEY

        name = nodeid.rsplit("::", 1)[-1]
        claim_id, _, label = name.partition("[")
        label = label.rstrip("]")
        for target in self.config.stash[PLAN_KEY].targets:
            if target.label == label:
                return {"claim": claim_id, "backend": target.backend.name, "device": target.device}
        return {}

    def pytest_runtest_logreport(self, report: Any) -> None:
        props = _props(report)
        if not props and _is_claim_nodeid(report.nodeid) and report.failed:
            props = self.identify(report.nodeid)  # a crashed worker's report
        if not props:
            return
        decided = outcome_of(report, props)
        if decided is None:
            return
        outcome, reason = decided
        self.records.append(self._record(props, outcome, reason, report.duration))
        area = props["claim"].split(".", 1)[0]
        self.area_done[area] += 1
        self.area_outcomes[area][outcome] += 1
        if self.area_total[area] and self.area_done[area] == self.area_total[area]:
            counts = ", ".join(f"{n} {o}" for o, n in sorted(self.area_outcomes[area].items()))
            reporter = self.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None and self.config.get_verbosity() >= 0:
                reporter.write_line(f"conformance: area {area} done ({self.area_done[area]} items: {counts})")

    def _record(self, props: dict[str, Any], outcome: str, reason: str | None, duration: float) -> dict[str, Any]:
        return {
            "claim": props["claim"],
            "backend": props["backend"],
            "device": props["device"],
            "outcome": outcome,
            "reason": reason,
            "duration": round(float(duration), 4),
            "examples": props.get("examples"),
            "falsifying_example": props.get("falsifying_example"),
            "reproduction": props.get("reproduction"),
        }

    # -- end of run -----------------------------------------------------------------
    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.records:
            return
        from conformance.report import summary_table

        terminalreporter.write_sep("=", "conformance summary")
        for line in summary_table(self.records):
            terminalreporter.write_line(line)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        directory = self.config.getoption("conformance_report")
        if not directory:
            return
        from conformance import report

        data = report.build(self.records, report.environment(self.config, self.started))
        written = report.write_all(data, directory)
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"conformance: report written to {', '.join(str(p) for p in written)}")


def _is_claim_nodeid(nodeid: str) -> bool:
    return nodeid.split("::", 1)[0].endswith("suite.py") and "::" in nodeid
