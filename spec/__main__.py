"""``python -m spec``: the claims as a table; ``--json``: as JSON metadata."""

from __future__ import annotations

import argparse
import collections
import json
import sys

import spec


def table(claims: list[spec.Claim]) -> str:
    lines = [f"{'id':58} {'verdict':17} {'gen':3}  source"]
    for c in claims:
        where = f"{c.source.seed}:{c.source.first_line}-{c.source.last_line}"
        gen = "yes" if c.generated else ""
        lines.append(f"{c.id:58} {c.verdict.value:17} {gen:3}  {where}")
    by_area = collections.Counter(c.area for c in claims)
    by_verdict = collections.Counter(c.verdict.value for c in claims)
    lines.append("")
    lines.append(f"{len(claims)} claims; {sum(c.generated for c in claims)} with generated inputs")
    lines.append("by area:    " + ", ".join(f"{a} {n}" for a, n in sorted(by_area.items())))
    lines.append("by verdict: " + ", ".join(f"{v} {n}" for v, n in sorted(by_verdict.items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spec", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print every claim's metadata as a JSON list")
    parser.add_argument("--claims", metavar="GLOB", default="*", help="only claims whose id matches GLOB")
    args = parser.parse_args(argv)
    claims = spec.select(args.claims)
    if not claims:
        parser.error(f"--claims {args.claims!r} matches no claim")
    if args.json:
        json.dump([c.metadata() for c in claims], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(table(claims))
    return 0


if __name__ == "__main__":
    sys.exit(main())
