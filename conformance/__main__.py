"""``python -m conformance merge|diff``: combine reports, or compare two runs.

    python -m conformance merge cpu/report.json gpu/report.json -o merged/
    python -m conformance diff old/report.json new/report.json   # exit 1 if something newly fails
"""

from __future__ import annotations

import argparse
import os
import sys

from conformance import compare_reports, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    merge = sub.add_parser("merge", help="merge report.json files from several runs into one report")
    merge.add_argument("reports", nargs="+", metavar="REPORT.json")
    merge.add_argument("-o", "--output", required=True, metavar="DIR", help="directory for the merged report")
    diff = sub.add_parser("diff", help="what changed between two runs; exit 1 when something newly fails")
    diff.add_argument("old", metavar="OLD.json")
    diff.add_argument("new", metavar="NEW.json")
    args = parser.parse_args(argv)
    try:
        if args.command == "merge":
            merged, warnings = compare_reports.merge([report.load(p) for p in args.reports])
            for w in warnings:
                print(f"warning: {w}", file=sys.stderr)
            written = report.write_all(merged, args.output)
            print("wrote " + ", ".join(str(p) for p in written))
            return 0
        lines, newly_failing = compare_reports.diff(report.load(args.old), report.load(args.new))
        print("\n".join(lines))
        return 1 if newly_failing else 0
    except report.ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
