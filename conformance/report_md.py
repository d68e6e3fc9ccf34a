"""The report as Markdown: the matrix, and the document audit."""

from __future__ import annotations

import collections
from typing import Any

from conformance.recorder import FAIL, NOT_RUN, PASS, XFAIL, XPASS
from conformance.report import SYMBOL, column, columns, counts_by_column

LEGEND = "✅ pass · ❌ fail · ⚠️ expected failure · ❗ unexpected pass · · not run · – skipped"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def matrix(data: dict[str, Any]) -> list[str]:
    cols = columns(data)
    cells = {(r["claim"], column(r)): r for r in data["results"]}
    counts = counts_by_column(data["results"])
    lines = ["| claim | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    summary = [f"{counts[c][PASS]} ✅ {counts[c][FAIL] + counts[c][XPASS]} ❌ {counts[c][XFAIL]} ⚠️ "
               f"{counts[c][NOT_RUN]} ·" for c in cols]
    lines.append("| **summary** | " + " | ".join(summary) + " |")
    area = None
    for claim in data["claims"]:
        if not any((claim["id"], c) in cells for c in cols):
            continue
        if claim["area"] != area:
            area = claim["area"]
            lines.append(f"| **{area}** |" + " |" * len(cols))
        row = [SYMBOL[cells[(claim["id"], c)]["outcome"]] if (claim["id"], c) in cells else "" for c in cols]
        lines.append(f"| `{claim['id']}` | " + " | ".join(row) + " |")
    return lines


def area_summary(data: dict[str, Any]) -> list[str]:
    """Per area and column: passed / expected failures / failed / not run, of the area's claims."""
    cols = columns(data)
    area_of = {c["id"]: c["area"] for c in data["claims"]}
    cells: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for r in data["results"]:
        cells[(area_of.get(r["claim"], "?"), column(r))][r["outcome"]] += 1
    areas = list(dict.fromkeys(area_of[r["claim"]] for r in data["results"] if r["claim"] in area_of))
    lines = ["| area | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for area in areas:
        row = []
        for col in cols:
            n = cells[(area, col)]
            text = f"{n[PASS]} ✅"
            text += f" {n[XFAIL]} ⚠️" if n[XFAIL] else ""
            text += f" {n[FAIL] + n[XPASS]} ❌" if n[FAIL] + n[XPASS] else ""
            text += f" {n[NOT_RUN]} ·" if n[NOT_RUN] else ""
            row.append(text)
        lines.append(f"| {area} | " + " | ".join(row) + " |")
    return lines


def audit(data: dict[str, Any]) -> list[str]:
    """Every statement of the seed documents with its verdict; refuted ones beside their true claim."""
    claims = {c["id"]: c for c in data["claims"]}
    verdicts = collections.Counter(c["verdict"] for c in data["claims"])
    lines = ["## Document audit", "",
             "Every statement of the seed documents, and whether it is true of real PyTorch.", "",
             "Verdicts: " + ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())), "",
             "| seed:lines | quote | statement | verdict |", "|---|---|---|---|"]
    paired_targets = {c["paired_with"] for c in data["claims"] if c["paired_with"]}
    for c in sorted(data["claims"], key=lambda c: (c["seed"], c["lines"][0], c["lines"][1])):  # document order
        if c["id"] in paired_targets:
            continue  # shown right under the document claim it corrects
        lines.append(_audit_row(c))
        if c["paired_with"] and c["paired_with"] in claims:
            lines.append(_audit_row(claims[c["paired_with"]], true_claim=True))
    return lines


def _audit_row(c: dict[str, Any], true_claim: bool = False) -> str:
    where = f"{c['seed'][:3]}:{c['lines'][0]}-{c['lines'][1]}"
    verdict = c["verdict"] + (f" ({_cell(c['reason'])})" if c.get("reason") else "")
    if true_claim:
        return f"| ↳ true claim | | {_cell(c['statement'])} | holds |"
    return f"| {where} | {_cell(c['quote'])} | {_cell(c['statement'])} | **{verdict}** |"


def render(data: dict[str, Any]) -> str:
    env = data["environments"]
    backends = {f"{name} {info['version']}" for e in env for name, info in e["backends"].items()}
    lines = ["# torch-conformance report", "",
             f"Backends: {', '.join(sorted(backends))}. Created {data['created']}.", "", LEGEND, ""]
    lines += ["## Summary by area", ""] + area_summary(data) + ["", "## Matrix", ""]
    lines += matrix(data) + [""] + audit(data)
    return "\n".join(lines) + "\n"
