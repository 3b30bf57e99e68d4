#!/usr/bin/env python3
"""The six questions of issue 14, each answered in a few lines of pandas on an output folder
(the README shows the same lines), and checked: exits 1 when an answer disagrees with the
document's own printed totals.

Usage: tests/py/research_questions.py OUT
"""
import sys
from decimal import Decimal

import pandas as pd

out = sys.argv[1]


def load(name):
    df = pd.read_csv(f"{out}/{name}", dtype=str, keep_default_na=False)
    for col in ("amount_wan", "value_wan", "value"):
        if col in df:
            df[col] = df[col].map(lambda v: Decimal(v) if v else None)
    return df


facts, figures, checks = load("facts.csv"), load("key_figures.csv"), load("checks.csv")
indicators = load("indicators.csv")
problems = []

# (a) 支出总计 per document, in 万元
total = figures[figures.figure == "expenditure_total"].set_index("source").value_wan

# (b) spending by 功能分类 类 per document: the expenditure table's 类 rows, the unit's own rows
#     (or, where a table prints only its units' blocks, every sub-unit's)
lei = facts[(facts.table_key == "expenditure") & (facts.measure == "total")
            & (facts.code_system == "function") & (facts.code.str.len() == 3)
            & (facts.row_kind == "item")]
own = set(lei[lei.sub_unit == ""].source)
lei = lei[(lei.sub_unit == "") | ~lei.source.isin(own)]
by_lei = lei.groupby(["source", "code"]).amount_wan.sum()

for src, s in by_lei.groupby(level=0).sum().items():
    if src in total.index and abs(s - total[src]) > Decimal("0.05"):
        problems.append(f"(b) {src}: 类 add to {s}, 支出总计 {total[src]}")

# (c) "三公" total and its four parts per document
parts = ["three_public_total", "three_public_travel_abroad", "three_public_reception",
         "three_public_vehicle_purchase", "three_public_vehicle_operation"]
sangong = figures[figures.figure.isin(parts)].pivot(index="source", columns="figure",
                                                     values="value_wan")

# (d) basic spending by 部门经济 类 (301, 302, 303…) and by 政府经济 类 (501, 502…)
basic = facts[(facts.table_key == "general_budget_basic_expenditure") & (facts.measure == "total")
              & (facts.code_system == "economic") & (facts.row_kind == "item")
              & (facts.sub_unit == "")]
by_econ = basic[basic.code.str.len() == 3].groupby(["source", "code"]).amount_wan.sum()
kuan = basic[(basic.code.str.len() == 5) & (basic.gov_economic_code != "")]
by_gov = kuan.groupby(["source", kuan.gov_economic_code.str[:3]]).amount_wan.sum()

# (e) every failed check with the facts it compares
bad = checks[checks.status == "fail"].assign(fact_id=checks.fact_ids.str.split(";")).explode("fact_id")
joined = bad.merge(facts, on=["source", "fact_id"], how="left", suffixes=("", "_fact"))
missing = joined[(joined.fact_id != "") & joined.row_label.isna()]
if len(missing):
    problems.append(f"(e) {len(missing)} failed-check fact ids not in facts.csv")

# (f) each money figure of the narrative with the table cell it quotes
money = indicators[(indicators.value_unit == "万元") & (indicators.fact_id != "")]
quoted = money.merge(facts[["fact_id", "amount_wan", "table_title", "row_label"]], on="fact_id")
off = quoted[(quoted.amount_wan.map(lambda v: v.quantize(Decimal("0.01"))) - quoted.value).abs()
             > Decimal("0.005")]
if len(off):
    problems.append(f"(f) {len(off)} figures quoting another amount than their cell")

print(f"(a) {len(total)} documents with 支出总计; (b) {by_lei.index.get_level_values(0).nunique()}"
      f" with 类; (c) {len(sangong)} with 三公; (d) {by_econ.index.get_level_values(0).nunique()}"
      f" by 部门经济, {by_gov.index.get_level_values(0).nunique()} by 政府经济; (e) {bad.check.count()}"
      f" failed-check rows; (f) {len(quoted)} figures joined")
if problems:
    print("\n".join(problems))
    sys.exit(1)
