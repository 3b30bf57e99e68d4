#!/usr/bin/env python3
"""Parent = Σ children recomputed from facts.csv alone, per table, column and sub_unit.

  hierarchy_identities.py OUT [--json] [--min PCT]

Within one table (source, table_no, table_title), one column (column_path) and one sub_unit, the
children of a coded row are the rows whose code is two digits longer and starts with it; when
the parent code stands on several rows (301 under 501 and again under 505), each takes the rows
below it up to the next row of the same system whose code is not longer. An identity holds when the sum
equals the parent, or differs by no more than n × half a unit of the last printed digit
(rounding of n printed values). Prints the share and every break.
"""
import argparse
import csv
import json
import os
import sys
from collections import defaultdict
from decimal import Decimal


def half_unit(s):
    s = s.strip()
    d = len(s.split(".")[1]) if "." in s else 0
    return Decimal(1).scaleb(-d) / 2


def identities(rows):
    groups = defaultdict(list)
    for r in rows:
        if r["code_system"] not in ("function", "economic", "gov_economic") or not r["code"]:
            continue
        key = (r["source"], r["table_no"], r["table_title"], r["column_path"], r.get("sub_unit", ""))
        groups[key].append(r)
    out = []
    for key, fs in groups.items():
        fs.sort(key=lambda r: int(r["row_no"]))
        for i, p in enumerate(fs):
            code, sysname = p["code"], p["code_system"]
            if len(code) >= 7:
                continue
            def below(c, prefix):
                return (c["code_system"] == sysname and len(c["code"]) > len(prefix)
                        and c["code"].startswith(prefix))

            if sum(1 for c in fs if c["code"] == code and c["code_system"] == sysname) == 1:
                # one such parent: all its children, wherever they stand (two panels side by side)
                cands = fs
            else:
                cands = []
                for c in fs[i + 1:]:
                    if c["code_system"] == sysname and len(c["code"]) <= len(code):
                        break
                    cands.append(c)
            # children: descendants with no printed code between (301 → 3010201 where 30102
            # itself is not printed)
            kids = [c for c in cands if below(c, code) and not any(
                below(a, code) and len(a["code"]) < len(c["code"]) and below(c, a["code"]) for a in cands)]
            if not kids:
                continue
            total = sum(Decimal(c["amount"]) for c in kids)
            diff = Decimal(p["amount"]) - total
            tol = sum(half_unit(c["amount"]) for c in kids) + half_unit(p["amount"])
            status = "pass" if diff == 0 else ("rounding" if abs(diff) <= tol else "fail")
            out.append(dict(source=key[0], table_no=key[1], table_title=key[2], column_path=key[3],
                            sub_unit=key[4], code=code, label=p["row_label"], page=p["page"],
                            parent=p["amount"], children=str(total), n=len(kids), status=status))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--min", type=float, default=None)
    a = ap.parse_args()
    path = a.out if a.out.endswith(".csv") else os.path.join(a.out, "facts.csv")
    rows = list(csv.DictReader(open(path, encoding="utf-8-sig", newline="")))
    ids = identities(rows)
    held = sum(1 for x in ids if x["status"] != "fail")
    share = 100.0 * held / max(1, len(ids))
    if a.json:
        json.dump(dict(held=held, total=len(ids), share=share, breaks=[x for x in ids if x["status"] == "fail"]),
                  sys.stdout, ensure_ascii=False, indent=1)
    else:
        print(f"identities: {held}/{len(ids)} hold ({share:.2f} %)")
        for x in ids:
            if x["status"] == "fail":
                print(f"  {x['source']} {x['table_no']} p{x['page']} [{x['sub_unit']}] {x['code']} {x['label']} "
                      f"[{x['column_path']}]: printed {x['parent']}, children {x['children']} ({x['n']})")
    if a.min is not None and share < a.min:
        sys.exit(1)


if __name__ == "__main__":
    main()
