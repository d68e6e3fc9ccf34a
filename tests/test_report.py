"""Reports: a real run's files, the JSON schema, merge and diff, the HTML page, the workflow."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import jsonschema
import pytest

from conformance import compare_reports, report
from tests.conftest import REPO

TOY = "tests.toy_backends"


@pytest.fixture(scope="module")
def run_report(tmp_path_factory):
    """One real run over torch-cpu, a missing cuda column and a broken backend, written as a report."""
    out = tmp_path_factory.mktemp("report")
    cmd = [sys.executable, "-m", "pytest", "conformance", "-p", "no:cacheprovider", "-o", "addopts=",
           "--backend", "torch", "--backend", f"{TOY}:left_aligned_broadcasting", "--device", "cpu,cuda",
           "--claims", "broadcasting.binary-op.*", "--claims", "indexing.column.*", "--claims", "creation.empty*",
           "--hypothesis-profile", "ci", "--conformance-report", str(out)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    return out, proc.stdout


def test_a_run_writes_json_markdown_and_html(run_report):
    out, stdout = run_report
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]
    assert "conformance: report written to" in stdout


def test_report_json_matches_its_schema_and_records_every_outcome_kind(run_report):
    data = json.loads((run_report[0] / "report.json").read_text())
    jsonschema.validate(data, report.schema())
    outcomes = {r["outcome"] for r in data["results"]}
    assert {"pass", "fail", "expected-failure", "not-run"} <= outcomes
    not_run = next(r for r in data["results"] if r["outcome"] == "not-run")
    assert "device 'cuda' is not available" in not_run["reason"]
    generated = {c["id"] for c in data["claims"] if c["generated"]}
    failed = [r for r in data["results"]
              if r["outcome"] == "fail" and r["backend"] == "left-aligned" and r["claim"] in generated]
    assert failed and all(r["falsifying_example"].startswith(("Falsifying example", "Failing test case"))
                          for r in failed)
    assert all(r["reproduction"].startswith(f"spec.claim_by_id({r['claim']!r}).check(t, 'cpu', ") for r in failed)
    env = data["environments"][0]
    assert env["backends"]["torch"]["version"].startswith("2.") and env["hypothesis"]["profile"] == "ci"


def test_terminal_summary_has_a_row_per_backend_device(run_report):
    stdout = run_report[1]
    assert "conformance summary" in stdout
    for col in ("torch-cpu", "torch-cuda", "left-aligned-cpu"):
        assert any(line.startswith(col + " ") for line in stdout.splitlines()), col


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_and_shows_every_claim_column_and_the_audit(run_report):
    page = (run_report[0] / "report.html").read_text()
    data = json.loads((run_report[0] / "report.json").read_text())
    parser = _Cells()
    parser.feed(page)
    text = " ".join(parser.text)
    assert not [a for t, a in parser.tags if any(str(v).startswith(("http:", "https:", "//")) for v in a.values())]
    assert not [t for t, a in parser.tags if t in ("link", "img") or (t == "script" and "src" in a)]
    for col in report.columns(data):
        assert col in text
    for r in data["results"]:
        assert r["claim"] in text
    assert "Document audit" in text and "true claim" in text
    assert sum(1 for t, a in parser.tags if t == "tr" and "audit" in a.get("class", "")) >= len(
        [c for c in data["claims"] if not any(d["paired_with"] == c["id"] for d in data["claims"])])
    assert 'id="filter"' in page and 'class="bar"' in page


def test_markdown_has_the_matrix_and_the_audit(run_report):
    md = (run_report[0] / "report.md").read_text()
    assert "| claim | " in md and "torch-cpu" in md and "## Document audit" in md


def _synthetic(outcome: str, version: str = "2.13.0") -> dict:
    env = {"python": "3.11.7", "platform": "linux",
           "backends": {"torch": {"version": version, "devices": {"cpu": None}}},
           "hypothesis": {"version": "6", "profile": "ci", "max_examples": 25, "seed": None},
           "conformance_seed": 0, "started": "t", "finished": "t"}
    claim = {"id": "a.b", "area": "a", "seed": "s", "lines": [1, 1], "quote": "q", "statement": "s",
             "verdict": "holds", "paired_with": None, "generated": False}
    result = {"claim": "a.b", "backend": "torch", "device": "cpu", "outcome": outcome,
              "reason": None, "duration": 0.1, "environment": 0}
    return {"schema": report.SCHEMA_ID, "created": "t", "environments": [env], "claims": [claim], "results": [result]}


def test_merge_keeps_every_machine_and_every_column():
    gpu = _synthetic("pass")
    gpu["results"][0]["device"] = "cuda"
    merged, warnings = compare_reports.merge([_synthetic("pass"), gpu])
    assert warnings == [] and len(merged["environments"]) == 2
    assert [(r["device"], r["environment"]) for r in merged["results"]] == [("cpu", 0), ("cuda", 1)]
    jsonschema.validate(merged, report.schema())


def test_diff_reports_a_newly_failing_claim_and_a_changed_version():
    lines, newly_failing = compare_reports.diff(_synthetic("pass"), _synthetic("fail", version="2.14.0"))
    assert newly_failing
    assert "  a.b [torch-cpu]: pass -> fail" in lines
    assert "  backend torch: 2.13.0 -> 2.14.0" in lines


def test_diff_of_a_fix_is_not_a_failure():
    _, newly_failing = compare_reports.diff(_synthetic("fail"), _synthetic("pass"))
    assert not newly_failing


def test_merge_and_diff_command_lines(tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(_synthetic("pass")))
    new.write_text(json.dumps(_synthetic("fail")))
    run = lambda *a: subprocess.run([sys.executable, "-m", "conformance", *a], capture_output=True, text=True, cwd=REPO)
    assert run("diff", str(old), str(old)).returncode == 0
    changed = run("diff", str(old), str(new))
    assert changed.returncode == 1 and "newly failing: 1" in changed.stdout
    merged = run("merge", str(old), str(new), "-o", str(tmp_path / "m"))
    assert merged.returncode == 0 and (tmp_path / "m" / "report.html").exists()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    bad = run("diff", str(broken), str(new))
    assert bad.returncode == 2 and bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr


def test_a_report_that_breaks_the_schema_is_refused(tmp_path):
    data = copy.deepcopy(_synthetic("pass"))
    data["results"][0]["outcome"] = "maybe"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data))
    with pytest.raises(report.ReportError, match="invalid report"):
        report.load(path)


@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="check-jsonschema is not installed")
def test_the_github_workflow_is_valid():
    workflow = REPO / ".github" / "workflows" / "conformance.yml"
    proc = subprocess.run(["check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
