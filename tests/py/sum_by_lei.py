#!/usr/bin/env python3
"""Spending by 功能分类 类 per unit in 万元 without double counting sub-units, checked against the
tables' own 合计 rows: the README's query, in pandas when it is installed and in the standard
library always (both must agree).

  sum_by_lei.py OUT [--show]

For every 一般公共预算支出 table by function (table_key general_budget_expenditure), column
`total`: the 类 rows (3-digit function codes) of the document's own unit (sub_unit empty), or,
where the table prints only its units' blocks, the 类 rows of every sub-unit; their sum must equal
the table's 合计 row within rounding (half a unit of the last printed digit per row added).
Exit 1 on any difference beyond rounding.
"""
import csv
import os
import sys
from collections import defaultdict
from decimal import Decimal

out = sys.argv[1]
show = "--show" in sys.argv
path = os.path.join(out, "facts.csv")
rows = list(csv.DictReader(open(path, encoding="utf-8-sig", newline="")))


def is_total(label):
    t = "".join(label.split())
    return "合计" in t or "总计" in t


def half(s):
    return Decimal(1).scaleb(-len(s.split(".")[1])) / 2 if "." in s else Decimal("0.5")


tables = defaultdict(list)
for r in rows:
    if r["table_key"] == "general_budget_expenditure" and r["measure"] == "total":
        tables[(r["source"], r["table_no"], r["table_title"])].append(r)

stdlib = {}
bad = checked = 0
for key, fs in sorted(tables.items()):
    lei = [f for f in fs if f["code_system"] == "function" and len(f["code"]) == 3]
    own = [f for f in lei if not f["sub_unit"]]
    use = own if own else lei
    # The table's total: a 合计/总计 row, or the department's own row (row_kind total).
    totals = [f for f in fs if (is_total(f["row_label"]) or f["row_kind"] == "total")
              and not f["code"] and not f["sub_unit"]]
    if not use or not totals:
        continue
    s = sum(Decimal(f["amount_wan"]) for f in use)
    for f in use:
        stdlib[(f["source"], f["unit_name"], f["code"])] = stdlib.get((f["source"], f["unit_name"], f["code"]),
                                                                     Decimal(0)) + Decimal(f["amount_wan"])
    total = Decimal(totals[0]["amount_wan"])
    unit = Decimal(1) if totals[0]["amount_unit"] == "万元" else Decimal("0.0001")
    tol = (sum(half(f["amount"]) for f in use) + half(totals[0]["amount"])) * unit
    checked += 1
    ok = abs(s - total) <= tol
    bad += not ok
    if show or not ok:
        print(f"{'ok  ' if ok else 'FAIL'} {key[0]} {key[1]} {key[2]}: Σ类 {s} 万元, 合计 {total} 万元"
              f"{' (sub-units)' if not own else ''}")
print(f"{checked} tables: Σ 类 = 合计 in {checked - bad}")

try:
    import pandas as pd
except ImportError:
    pd = None
if pd is not None:
    # The README's query.
    facts = pd.read_csv(path, dtype=str, keep_default_na=False)
    facts["amount_wan"] = facts.amount_wan.map(lambda v: Decimal(v) if v else None)
    lei = facts[(facts.table_key == "general_budget_expenditure") & (facts.measure == "total")
                & (facts.code_system == "function") & (facts.code.str.len() == 3)]
    own_tables = set(lei[lei.sub_unit == ""].set_index(["source", "table_no", "table_title"]).index)
    keep = lei[(lei.sub_unit == "") | ~lei.set_index(["source", "table_no", "table_title"]).index.isin(own_tables)]
    by_lei = keep.groupby(["source", "unit_name", "code"]).amount_wan.sum()
    mismatch = [k for k, v in by_lei.items() if stdlib.get(k) != v]
    print(f"pandas: {len(by_lei)} sums, {len(mismatch)} differ from the standard-library ones")
    bad += len(mismatch)
sys.exit(1 if bad else 0)
