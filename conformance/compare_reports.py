"""Merging reports from several machines, and diffing two runs."""

from __future__ import annotations

from typing import Any

from conformance.recorder import FAIL, XPASS
from conformance.report import SCHEMA_ID, _iso, column

FAILING = (FAIL, XPASS)


def merge(reports: list[dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """One report from several; a (claim, backend-device) cell seen twice keeps the later one."""
    environments: list[dict[str, Any]] = []
    claims: dict[str, dict[str, Any]] = {}
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    warnings = []
    for data in reports:
        offset = len(environments)
        environments += data["environments"]
        for c in data["claims"]:
            claims[c["id"]] = c
        for r in data["results"]:
            key = (r["claim"], column(r))
            if key in cells:
                warnings.append(f"{key[0]} on {key[1]} appears in several reports; keeping the later one")
            cells[key] = dict(r, environment=r["environment"] + offset)
    merged = {"schema": SCHEMA_ID, "created": _iso(), "environments": environments,
              "claims": list(claims.values()), "results": [cells[k] for k in sorted(cells)]}
    return merged, warnings


def diff(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[str], bool]:
    """Lines describing what changed from ``old`` to ``new``, and whether something newly fails."""
    before = {(r["claim"], column(r)): r["outcome"] for r in old["results"]}
    after = {(r["claim"], column(r)): r["outcome"] for r in new["results"]}
    newly_failing = sorted(k for k, o in after.items() if o in FAILING and before.get(k, o) not in FAILING)
    newly_passing = sorted(k for k, o in after.items() if o not in FAILING and before.get(k) in FAILING)
    new_cells = sorted(k for k in after if k not in before)
    new_failing_cells = [k for k in new_cells if after[k] in FAILING]
    old_ids, new_ids = {c["id"] for c in old["claims"]}, {c["id"] for c in new["claims"]}
    lines = []
    for title, keys in (("newly failing", newly_failing), ("newly passing", newly_passing)):
        lines += [f"{title}: {len(keys)}"] + [f"  {k[0]} [{k[1]}]: {before.get(k)} -> {after[k]}" for k in keys]
    lines += [f"new results: {len(new_cells)} ({len(new_failing_cells)} failing)"]
    lines += [f"  {k[0]} [{k[1]}]: {after[k]}" for k in new_failing_cells]
    lines += [f"new claims: {len(new_ids - old_ids)}"] + [f"  {i}" for i in sorted(new_ids - old_ids)]
    lines += [f"removed claims: {len(old_ids - new_ids)}"] + [f"  {i}" for i in sorted(old_ids - new_ids)]
    lines += _environment_changes(old, new)
    return lines, bool(newly_failing or new_failing_cells)


def _environment_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    def describe(data: dict[str, Any]) -> dict[str, str]:
        facts: dict[str, str] = {}
        for env in data["environments"]:
            facts["python"] = env["python"]
            facts["platform"] = env["platform"]
            for name, info in env["backends"].items():
                facts[f"backend {name}"] = info["version"]
                for device, label in info["devices"].items():
                    facts[f"device {name}-{device}"] = str(label)
        return facts

    a, b = describe(old), describe(new)
    changed = [f"  {k}: {a.get(k, '(absent)')} -> {b.get(k, '(absent)')}"
               for k in sorted(set(a) | set(b)) if a.get(k, "(absent)") != b.get(k, "(absent)")]
    return [f"changed environment: {len(changed)}"] + changed
