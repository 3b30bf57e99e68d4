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

# (d) basic spending by 部门经济 类 (301, 302, 303…) and by 政府经济 类 (501, 502…) per table,
#     checked against the table's printed 合计 in every column that prints one
BASIC_EXCEPTIONS = {  # (source prefix, table_no, check): why; mirrors research_real.rs
    ("cc_xinfang_2026", "预算表6", "政府经济"): "printed: 款 rows of 301/302 exceed their 类",
    ("js_renda_2017", "", "政府经济"): "2017 codes 30311/30312 have no 政府经济 code",
    ("zh_shangwu_2026", "表11", "部门经济"): "其他资本性等支出 is no single 类 (no code)",
    ("zh_shangwu_2026", "表11", "政府经济"): "其他资本性等支出 has no code",
}
basic = facts[facts.table_key.isin(["general_budget_basic_expenditure", "basic_expenditure"])]
basic = basic.assign(table=basic.fact_id.str.extract(r"#(t\d+)r")[0],
                     column=basic.fact_id.str.extract(r"(c\d+)$")[0])


def half_unit(row):
    """Half a unit of the total's last printed digit, in 万元."""
    half = Decimal(5).scaleb(Decimal(row.amount).as_tuple().exponent - 1)
    return half / 10000 if row.amount_unit == "元" else half


def class_sums(table):
    """The 部门经济 类 rows (own rows with no printed parent) and the finest rows by 政府经济 类."""
    items = table[table.row_kind == "item"]
    if (items.sub_unit == "").any():  # else the table prints only its units' blocks
        items = items[items.sub_unit == ""]
    codes = set(zip(items.sub_unit, items.code)) - {(u, "") for u in items.sub_unit}
    top = [s == "economic" and c != "" and not any((u, c[:k]) in codes for k in range(3, len(c)))
           for u, c, s in zip(items.sub_unit, items.code, items.code_system)]
    finest = [c != "" and not any(u2 == u and len(c2) > len(c) and c2.startswith(c)
                                  for u2, c2 in codes) for u, c in zip(items.sub_unit, items.code)]
    econ = items[pd.Series(top, index=items.index, dtype=bool)]
    econ = econ.assign(cls=econ.code.str[:3])
    fine = items[pd.Series(finest, index=items.index, dtype=bool)]
    gov = fine.code.where(fine.code_system == "gov_economic", fine.gov_economic_code)
    return econ, fine.assign(cls=gov.str[:3])


by_econ, by_gov, basic_covered, basic_excepted = [], [], set(), set()
for (src, _), table in basic.groupby(["source", "table"]):
    if not (table.code_system.isin(["economic", "gov_economic"]) & (table.code != "")).any():
        continue  # basic spending by function (xa's 表7)
    basic_covered.add(src)
    table_no = table.table_no.iloc[0]
    econ, fine = class_sums(table)
    totals = table[(table.row_kind == "total") & (table.sub_unit == "") & (table.code == "")]
    for path, cells in totals.groupby("column_path"):
        cells = cells.groupby("column").head(1)  # one 合计 a column; halves add up
        want = sum(cells.amount_wan)
        for check, rows in (("部门经济", econ), ("政府经济", fine)):
            rows = rows[rows.column_path == path]
            sums = rows.groupby("cls").amount_wan.sum()
            (by_econ if check == "部门经济" else by_gov).append(sums.rename((src, table_no, path)))
            tol = min(Decimal("0.05"), half_unit(cells.iloc[0]) * (len(rows) + 1))
            unclassed = rows[(rows.cls == "") & (rows.amount_wan != 0)]
            if len(rows) and not len(unclassed) and abs(sum(sums) - want) <= tol:
                continue
            known = [k for k in BASIC_EXCEPTIONS
                     if src.startswith(k[0]) and (k[1], k[2]) == (table_no, check)]
            if known:
                basic_excepted.update(known)
            else:
                problems.append(f"(d) {src} {table_no} {check} {path}: 类 add to {sum(sums)}"
                                f" ({len(unclassed)} rows without 类), 合计 {want}")
for k in BASIC_EXCEPTIONS.keys() - basic_excepted:
    if any(src.startswith(k[0]) for src in basic_covered):  # only for documents here
        problems.append(f"(d) {k} adds up now: drop the exception ({BASIC_EXCEPTIONS[k]})")
with_basic = set(basic.source)
for src in sorted(with_basic - basic_covered):
    problems.append(f"(d) {src}: no basic-expenditure table by economic class")

# (e) every failed check with the facts it compares
bad = checks[checks.status == "fail"]
# bad's own column: assigning checks' column to an empty frame would take all its rows
bad = bad.assign(fact_id=bad.fact_ids.str.split(";")).explode("fact_id")
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
      f" with 类; (c) {len(sangong)} with 三公; (d) {len(basic_covered)} of {len(with_basic)} with a"
      f" basic-expenditure table checked by 部门经济 and 政府经济 类 ({len(BASIC_EXCEPTIONS)} known"
      f" exceptions); (e) {bad.check.count()}"
      f" failed-check rows; (f) {len(quoted)} figures joined")
if problems:
    print("\n".join(problems))
    sys.exit(1)
