#!/usr/bin/env python3
"""score.py --any-key, with two more fields a fact must carry to match: `gov_economic_code` and
`sub_unit` (the truth of ../shared/real carries both where printed; a truth fact without a
gov_economic_code matches any).

  score_fields.py OUT --truth DIR [--json]
"""
import argparse
import importlib.util
import json
import os
import sys

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--truth", required=True)
ap.add_argument("--score", default=None, help="path of score.py (default: ../tools/score.py of the truth)")
ap.add_argument("--json", action="store_true")
a = ap.parse_args()
score_py = a.score or os.path.join(a.truth, "..", "..", "tools", "score.py")
spec = importlib.util.spec_from_file_location("score", score_py)
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)

base_prep, base_match = score.prep, score.match


def prep(f, is_truth):
    p = base_prep(f, is_truth)
    p["gov"] = (f.get("gov_economic_code") or "").strip()
    p["sub_unit"] = score.norm(f.get("sub_unit"))
    return p


def match(t, o):
    # gov_economic_code: the truth records the printed one; elsewhere ours comes from the
    # crosswalk, which the truth does not record.
    return (base_match(t, o) and (not t["gov"] or t["gov"] == o["gov"])
            and t["sub_unit"] == o["sub_unit"])


score.prep, score.match = prep, match
s = score.run([a.out], [a.truth], as_json=a.json, any_key=True,
              stream=sys.stdout if a.json else sys.stdout)
