#!/usr/bin/env python3
"""score.py with table kinds compared, against the real truth with the table keys this project's
vocabulary gives the tables whose truth notes call their key a judgement call (the vocabulary had
no key for them when the truth was typed; issue 13 added them). Everything else is the truth as is.

  score_kinds.py OUT --truth DIR [--as-is] [--json]
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

# (document, table_no) -> table_key, each argued in the README's vocabulary:
CORRECTIONS = {
    # 基本支出 of all funds (columns 财政专户/单位资金/其他资金 beside 一般公共预算)
    ("sz_kouan_2026_dept_budget", "表4"): "basic_expenditure",
    ("gz_fagai_2026_dept_budget", "表11"): "basic_expenditure",
    ("yt_dashuju_2026_dept_budget", "公开表10"): "basic_expenditure",
    # 一般公共预算支出表（按经济分类） with 基本支出 and 项目支出 columns
    ("sz_kouan_2026_dept_budget", "表8"): "general_budget_expenditure_economic",
    # 机关运行经费 on its own
    ("wx_zhujian_2026_dept_budget", "公开12表"): "operating_costs",
    # 财政拨款支出表: all 财政拨款 (wx's total 106,228.00 = 一般公共预算 38,420.00 + 政府性基金 67,808.00)
    ("wx_zhujian_2026_dept_budget", "公开05表"): "fiscal_expenditure",
    ("cq_swu_2023_final", "表4"): "fiscal_expenditure",
}

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--truth", required=True)
ap.add_argument("--as-is", action="store_true", help="the truth as typed, no corrections")
ap.add_argument("--json", action="store_true")
a = ap.parse_args()
score = os.path.join(a.truth, "..", "..", "tools", "score.py")
tmp = tempfile.mkdtemp()
try:
    for f in glob.glob(os.path.join(a.truth, "*.truth.json")):
        t = json.load(open(f, encoding="utf-8"))
        if not a.as_is:
            for x in t["facts"] + t.get("tables", []):
                k = CORRECTIONS.get((t["doc"], x.get("table_no")))
                if k:
                    x["table_key"] = k
        json.dump(t, open(os.path.join(tmp, os.path.basename(f)), "w", encoding="utf-8"), ensure_ascii=False)
    args = [sys.executable, score, a.out, "--truth", tmp] + (["--json"] if a.json else [])
    sys.exit(subprocess.call(args))
finally:
    shutil.rmtree(tmp)
