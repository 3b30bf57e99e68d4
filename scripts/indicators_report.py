#!/usr/bin/env python3
"""How many real documents state each narrative indicator, and how many yusuan captured.

usage: scripts/indicators_report.py OUT [--real DIR]

OUT is a `yusuan extract` output folder over DIR (default ../shared/real). A document "states"
an indicator when its pdftotext text has the keyword followed within 40 characters by a number
(e.g. 机关运行经费…318.73万元, 政府采购预算…71.38万元, 车辆…22辆); it is "captured" when
indicators.csv has a row with that indicator key for the document.
"""
import argparse
import collections
import csv
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = {
    "operating_costs": r"(机关|单位|行政)运行经费",
    "procurement_total": r"政府采购",
    "vehicles_count": r"(车辆|公务用车|机动车)\D{0,12}\d+\s*辆",
}


def states(text, pattern):
    t = re.sub(r"\s+", "", text)
    for m in re.finditer(pattern, t):
        window = t[m.start(): m.end() + 40]
        if re.search(r"\d", window[len(m.group(0)) - 1:] if "辆" not in pattern else window):
            if "辆" in pattern or re.search(r"\d[\d,]*(\.\d+)?万?元", window):
                return True
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--real", default=os.path.join(HERE, "..", "..", "shared", "real"))
    args = ap.parse_args()
    captured = collections.defaultdict(set)
    with open(os.path.join(args.out, "indicators.csv"), encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            captured[r["indicator"]].add(os.path.basename(r["source"]))
    pdfs = sorted(f for f in os.listdir(args.real) if f.lower().endswith(".pdf"))
    print(f"{'indicator':22} {'stated':>7} {'captured':>9} {'of stated':>10}  missed")
    for key, pattern in KEYS.items():
        stated = set()
        for f in pdfs:
            try:
                text = subprocess.run(["pdftotext", os.path.join(args.real, f), "-"], capture_output=True, timeout=60).stdout.decode("utf-8", "replace")
            except (OSError, subprocess.TimeoutExpired):
                continue
            if states(text, pattern):
                stated.add(f)
        got = captured[key] & set(pdfs)
        print(f"{key:22} {len(stated):7} {len(got):9} {len(stated & got):10}  {' '.join(sorted(stated - got))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
