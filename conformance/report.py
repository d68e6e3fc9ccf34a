"""The report of a run: ``report.json`` (the data), ``report.md`` and ``report.html``.

The JSON is the source of truth: Markdown and HTML are rendered from it
alone, so merged reports (several machines) render the same way.  Its shape
is ``conformance/report.schema.json``.
"""

from __future__ import annotations

import collections
import datetime as _dt
import json
import os
import platform
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from conformance.recorder import FAIL, NOT_RUN, OUTCOMES, PASS, SKIPPED, XFAIL, XPASS

SCHEMA_ID = "torch-conformance-report/1"
SYMBOL = {PASS: "✅", FAIL: "❌", XFAIL: "⚠️", XPASS: "❗", NOT_RUN: "·", SKIPPED: "–"}


def column(record: dict[str, Any]) -> str:
    return f"{record['backend']}-{record['device']}"


def environment(config: Any, started: float) -> dict[str, Any]:
    """Where and how the run happened: versions, devices, hypothesis profile and seed, time."""
    from hypothesis import __version__ as hypothesis_version

    from conformance import backends as bk
    from conformance.runner import hypothesis_settings
    from conformance.suite import PLAN_KEY

    plan = config.stash[PLAN_KEY]
    backends: dict[str, Any] = {}
    for target in plan.targets:
        entry = backends.setdefault(target.backend.name, {"version": bk.version_of(target.backend), "devices": {}})
        name_of = getattr(target.backend, "device_name", None)
        try:
            entry["devices"][target.device] = name_of(target.device) if name_of and not target.missing else None
        except Exception:  # noqa: BLE001 - a device name is information, never a reason to fail
            entry["devices"][target.device] = None
    profile = config.getoption("hypothesis_profile", None)
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.node(),
        "backends": backends,
        "hypothesis": {
            "version": hypothesis_version,
            "profile": profile or "dev",
            "max_examples": hypothesis_settings(profile).max_examples,
            "seed": config.getoption("hypothesis_seed", None),
        },
        "conformance_seed": config.getoption("conformance_seed"),
        "started": _iso(started),
        "finished": _iso(),
        "argv": sys.argv[1:],
    }


def _iso(ts: float | None = None) -> str:
    moment = _dt.datetime.now(_dt.timezone.utc) if ts is None else _dt.datetime.fromtimestamp(ts, _dt.timezone.utc)
    return moment.isoformat(timespec="seconds")


def claims_metadata() -> list[dict[str, Any]]:
    import spec

    return [c.metadata() for c in spec.all_claims()]


def build(records: list[dict[str, Any]], env: dict[str, Any]) -> dict[str, Any]:
    """The report document of one run."""
    return {
        "schema": SCHEMA_ID,
        "created": _iso(),
        "environments": [env],
        "claims": claims_metadata(),
        "results": [dict(r, environment=0) for r in sorted(records, key=lambda r: (r["claim"], column(r)))],
    }


def columns(data: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(column(r) for r in data["results"]))


def counts_by_column(results: Iterable[dict[str, Any]]) -> dict[str, collections.Counter[str]]:
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for r in results:
        counts[column(r)][r["outcome"]] += 1
    return counts


def summary_table(records: list[dict[str, Any]]) -> list[str]:
    """The terminal's compact table: one row per backend-device."""
    counts = counts_by_column(records)
    width = max([len(c) for c in counts] + [len("backend-device")])
    head = f"{'backend-device':{width}}  " + "  ".join(f"{o:>16}" for o in OUTCOMES)
    rows = [head, "-" * len(head)]
    for col in sorted(counts):
        rows.append(f"{col:{width}}  " + "  ".join(f"{counts[col][o]:>16}" for o in OUTCOMES))
    return rows


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def write_all(data: dict[str, Any], directory: str | os.PathLike[str]) -> list[Path]:
    """Write report.json, report.md and report.html into ``directory``."""
    from conformance import report_html, report_md

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "report.json": json.dumps(data, ensure_ascii=False, indent=1) + "\n",
        "report.md": report_md.render(data),
        "report.html": report_html.render(data),
    }
    for name, text in files.items():
        _atomic_write(out / name, text)
    return [out / name for name in files]


class ReportError(Exception):
    """A report file that cannot be read; the message is one line."""


def load(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and validate a report.json (against the schema when jsonschema is installed)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReportError(f"{path}: cannot read a report: {exc}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        raise ReportError(f"{path}: not a torch-conformance report (schema {SCHEMA_ID!r} expected)")
    try:
        import jsonschema
    except ImportError:
        return data
    try:
        jsonschema.validate(data, schema())
    except jsonschema.ValidationError as exc:
        raise ReportError(f"{path}: invalid report: {exc.message}") from None
    return data


def schema() -> dict[str, Any]:
    return json.loads((Path(__file__).with_name("report.schema.json")).read_text(encoding="utf-8"))
