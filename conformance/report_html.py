"""The report as one self-contained HTML page: inline CSS and script, no network.

Claims are rows grouped by area, backend-device pairs are columns; each
column has a summary bar; a filter box narrows the rows; clicking a claim
opens its quote, statement, verdict and failure details.  The document audit
follows the matrix.
"""

from __future__ import annotations

import collections
from html import escape
from typing import Any

from conformance.recorder import FAIL, NOT_RUN, OUTCOMES, PASS, SKIPPED, XFAIL, XPASS
from conformance.report import column, columns, counts_by_column

# Glyphs every common font has (no emoji font is needed to read the page).
SYMBOL = {PASS: "✓", FAIL: "✗", XFAIL: "⚠", XPASS: "!", NOT_RUN: "·", SKIPPED: "–"}
COLOUR = {PASS: "#2e9d4f", FAIL: "#d33c3c", XFAIL: "#e0a526", XPASS: "#a2269a", NOT_RUN: "#9aa3ad",
          SKIPPED: "#d5dae0"}
CSS = """
body{font:14px/1.45 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#1d232a}
h1{font-size:1.5em}h2{margin-top:2em}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e4e7eb;padding:.3em .5em;
vertical-align:top;text-align:left}th{position:sticky;top:0;background:#f6f8fa}
td.cell{text-align:center;width:7em;color:#fff;font-weight:600}
tr.area td{background:#eef1f4;font-weight:700}
.bar{display:flex;height:.7em;width:7em;border-radius:3px;overflow:hidden;margin-top:.3em}
.bar span{display:block;height:100%}
.legend span{display:inline-block;padding:0 .5em;margin-right:.4em;border-radius:3px;color:#fff}
details summary{cursor:pointer;font-family:ui-monospace,monospace}
.quote{font-style:italic;color:#444}.muted{color:#6b7580}
pre{white-space:pre-wrap;background:#f6f8fa;padding:.4em;margin:.3em 0}
#filter{width:30em;padding:.4em;margin:.5em 0 1em}
.verdict-refuted,.verdict-partly,.verdict-version-dependent{color:#b3261e;font-weight:700}
.verdict-holds{color:#2e7d32}.verdict-untestable{color:#6b7580}
"""
SCRIPT = """
document.getElementById('filter').addEventListener('input', function (e) {
  var q = e.target.value.toLowerCase();
  document.querySelectorAll('tr.claim').forEach(function (row) {
    row.style.display = row.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
  });
});
"""


def _bar(counts: collections.Counter[str]) -> str:
    total = sum(counts.values()) or 1
    spans = "".join(
        f'<span style="width:{100 * counts[o] / total:.1f}%;background:{COLOUR[o]}" title="{counts[o]} {o}"></span>'
        for o in OUTCOMES if counts[o]
    )
    text = f"{counts[PASS]} passed, {counts[FAIL] + counts[XPASS]} failed, {counts[XFAIL]} expected, " \
           f"{counts[NOT_RUN]} not run"
    return f'<div class="bar" title="{escape(text)}">{spans}</div><div class="muted">{escape(text)}</div>'


def _details(claim: dict[str, Any], results: list[dict[str, Any]]) -> str:
    parts = [f'<div class="quote">“{escape(claim["quote"])}”</div>',
             f"<div>{escape(claim['statement'])}</div>",
             f'<div class="muted">{escape(claim["seed"])} lines {claim["lines"][0]}-{claim["lines"][1]} · '
             f'document verdict <span class="verdict-{claim["verdict"]}">{escape(claim["verdict"])}</span>'
             + (f" · true claim: <code>{escape(claim['paired_with'])}</code>" if claim["paired_with"] else "")
             + "</div>"]
    for r in results:
        if r["outcome"] in (PASS,):
            continue
        lines = [f"{column(r)}: {r['outcome']}" + (f" — {r['reason']}" if r.get("reason") else "")]
        if r.get("falsifying_example"):
            lines.append(f"falsifying example: {r['falsifying_example']}")
        if r.get("reproduction"):
            lines.append(f"reproduce: {r['reproduction']}")
        parts.append(f"<pre>{escape(chr(10).join(lines))}</pre>")
    return "".join(parts)


def matrix(data: dict[str, Any]) -> str:
    cols = columns(data)
    by_claim: dict[str, dict[str, dict[str, Any]]] = collections.defaultdict(dict)
    for r in data["results"]:
        by_claim[r["claim"]][column(r)] = r
    counts = counts_by_column(data["results"])
    head = "".join(f"<th>{escape(c)}{_bar(counts[c])}</th>" for c in cols)
    rows, area = [], None
    for claim in data["claims"]:
        cells = by_claim.get(claim["id"])
        if not cells:
            continue
        if claim["area"] != area:
            area = claim["area"]
            rows.append(f'<tr class="area"><td colspan="{len(cols) + 1}">{escape(area)}</td></tr>')
        tds = "".join(
            f'<td class="cell" style="background:{COLOUR[cells[c]["outcome"]]}" '
            f'title="{escape(c)}: {escape(cells[c]["outcome"])}">{SYMBOL[cells[c]["outcome"]]}</td>'
            if c in cells else "<td></td>" for c in cols
        )
        summary = f"<details><summary>{escape(claim['id'])}</summary>{_details(claim, list(cells.values()))}</details>"
        rows.append(f'<tr class="claim" data-area="{escape(claim["area"])}"><td>{summary}</td>{tds}</tr>')
    return f"<table id=\"matrix\"><thead><tr><th>claim</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def audit(data: dict[str, Any]) -> str:
    claims = {c["id"]: c for c in data["claims"]}
    paired_targets = {c["paired_with"] for c in data["claims"] if c["paired_with"]}
    rows = []
    for c in sorted(data["claims"], key=lambda c: (c["seed"], c["lines"][0], c["lines"][1])):  # document order
        if c["id"] in paired_targets:
            continue
        verdict = escape(c["verdict"]) + (f'<div class="muted">{escape(c["reason"])}</div>' if c.get("reason") else "")
        rows.append(f'<tr class="claim audit"><td>{escape(c["seed"][:3])}:{c["lines"][0]}-{c["lines"][1]}</td>'
                    f'<td class="quote">{escape(c["quote"])}</td><td>{escape(c["statement"])}</td>'
                    f'<td class="verdict-{c["verdict"]}">{verdict}</td></tr>')
        partner = claims.get(c["paired_with"] or "")
        if partner:
            rows.append(f'<tr class="claim audit true-claim"><td>↳ true claim</td><td></td>'
                        f'<td>{escape(partner["statement"])}</td><td class="verdict-holds">holds</td></tr>')
    return ("<table id=\"audit\"><thead><tr><th>seed:lines</th><th>quote</th><th>statement</th>"
            f"<th>verdict on PyTorch</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def render(data: dict[str, Any]) -> str:
    backends = sorted({f"{n} {i['version']}" for e in data["environments"] for n, i in e["backends"].items()})
    legend = "".join(f'<span style="background:{COLOUR[o]}">{SYMBOL[o]} {o}</span>' for o in OUTCOMES)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>torch-conformance report</title>
<style>{CSS}</style></head><body>
<h1>torch-conformance report</h1>
<p class="muted">Backends: {escape(', '.join(backends))} · created {escape(data['created'])} ·
{len(data['environments'])} machine(s)</p>
<p class="legend">{legend}</p>
<input id="filter" type="search" placeholder="Filter claims (id, quote, statement)…" aria-label="filter">
<h2>Conformance matrix</h2>
{matrix(data)}
<h2>Document audit</h2>
<p>Every statement of the seed documents and whether it is true of real PyTorch; a refuted statement is
followed by the true claim.</p>
{audit(data)}
<script>{SCRIPT}</script>
</body></html>
"""
