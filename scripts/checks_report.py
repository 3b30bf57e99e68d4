#!/usr/bin/env python3
"""Summarise OUT/checks.csv written by `yusuan extract`.

Usage: scripts/checks_report.py OUT [--fail-exit]

Prints, per source, the number of checks with status pass / rounding / fail (and any other
status seen), a total line, then every failing check with source, table_key, check, subject,
expected, actual and difference.  Exit code 0 (with --fail-exit: 1 when any check failed;
2 when checks.csv is missing).
"""
import argparse
import collections
import csv
import sys
from pathlib import Path

csv.field_size_limit(1 << 30)
KNOWN = ["pass", "rounding", "fail"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", help="folder written by yusuan extract (or the checks.csv itself)")
    ap.add_argument("--fail-exit", action="store_true", help="exit 1 if any check failed")
    args = ap.parse_args()

    path = Path(args.out)
    if path.is_dir():
        path = path / "checks.csv"
    if not path.is_file():
        print(f"error: {path} not found", file=sys.stderr)
        return 2

    counts = collections.OrderedDict()  # source -> Counter(status)
    failures = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        need = {"source", "table_key", "check", "subject", "expected", "actual", "difference", "status"}
        lacking = need - set(reader.fieldnames or [])
        if lacking:
            print(f"error: {path} lacks column(s) {', '.join(sorted(lacking))}", file=sys.stderr)
            return 2
        for row in reader:
            st = (row["status"] or "").strip()
            counts.setdefault(row["source"], collections.Counter())[st] += 1
            if st == "fail":
                failures.append(row)

    others = sorted({s for c in counts.values() for s in c} - set(KNOWN))
    cols = KNOWN + others
    w = max([len("source"), len("TOTAL")] + [len(s) for s in counts])
    print(f"{'source':<{w}} " + " ".join(f"{c:>8}" for c in cols) + f" {'total':>8}")
    total = collections.Counter()
    for src, c in counts.items():
        total.update(c)
        print(f"{src:<{w}} " + " ".join(f"{c[k]:>8}" for k in cols) + f" {sum(c.values()):>8}")
    print(f"{'TOTAL':<{w}} " + " ".join(f"{total[k]:>8}" for k in cols) + f" {sum(total.values()):>8}")
    n = sum(total.values())
    if n:
        print(f"pass {100 * total['pass'] / n:.1f}%  rounding {100 * total['rounding'] / n:.1f}%  "
              f"fail {100 * total['fail'] / n:.1f}%  over {len(counts)} source(s)")

    print()
    print(f"failing checks: {len(failures)}")
    for r in failures:
        print(f"  {r['source']} | {r['table_key']} | {r['check']} | {r['subject']} | "
              f"expected {r['expected']} | actual {r['actual']} | difference {r['difference']}")
    if args.fail_exit and failures:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
