#!/usr/bin/env python3
"""How many numbers printed on table pages land in facts.csv.

Usage: scripts/coverage.py OUT [--real DIR] [--json] [--min PCT] [--worst N]

OUT is a folder written by `yusuan extract` (OUT/facts.csv is read).  --real (default
<repo>/../shared/real) holds the PDFs that were extracted.

For each PDF, `pdftotext -layout` is run once and split into pages at form feeds.  A page
qualifies when it has a unit line (`单位：万元`, `单位:元`, `金额单位：万元`…, spaces allowed)
AND at least five numbers with exactly two decimals.  A number is `-?d+.dd` or
`-?d{1,3}(,ddd)+.dd` standing alone: not preceded by a letter, digit, `.`, `,`, `-`, `/`, `:`
and not followed by a letter, digit, `.` or `%` (so dates, versions and percentages are left
out).  Numbers are normalised (thousands separators removed, sign kept) and compared as
Decimals with the multiset of `amount` values of facts.csv rows whose source has the same
stem as the PDF and whose page is the same, so "3,008.81" matches "3008.81" and "5.00"
matches "5".  found = size of the multiset intersection.

Prints per document: qualifying pages, numbers, found, %; then the overall %, the worst
documents and, for the worst pages, up to 10 missing numbers each.  --json prints one JSON
object instead.  Exit code 0, unless --min PCT is given and overall % < PCT (then 1).
"""
import argparse
import collections
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _poppler import ensure_poppler  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("YUSUAN_SHARED", REPO.parent / "shared"))

UNIT_RE = re.compile(r"(?:金\s*额\s*)?单\s*位\s*[：:]\s*(?:人民币\s*)?(?:万\s*元|元)")
NUM_RE = re.compile(r"(?<![0-9A-Za-z.,\-/:])(-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2})(?![0-9A-Za-z.%％])")
CENT = Decimal("0.01")
MIN_NUMBERS = 5

csv.field_size_limit(1 << 30)


def norm(s):
    try:
        return Decimal(s.replace(",", "").strip()).quantize(CENT)
    except (InvalidOperation, ValueError):
        return None


def page_numbers(text):
    return [m.group(1) for m in NUM_RE.finditer(text)]


def load_facts(path):
    """{(stem, page): Counter(Decimal)}, plus the set of stems seen."""
    facts = collections.defaultdict(collections.Counter)
    stems = set()
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            stem = Path(row.get("source", "")).stem
            stems.add(stem)
            try:
                page = int(row.get("page", ""))
            except ValueError:
                continue
            d = norm(row.get("amount", ""))
            if d is not None:
                facts[(stem, page)][d] += 1
    return facts, stems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", help="folder written by yusuan extract")
    ap.add_argument("--real", default=str(SHARED / "real"), help="folder of the PDFs (non-recursive)")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--min", type=float, default=None, help="exit 1 if overall %% is below this")
    ap.add_argument("--worst", type=int, default=10, help="how many worst documents/pages to list")
    args = ap.parse_args()
    ensure_poppler()

    facts_path = Path(args.out) / "facts.csv"
    if not facts_path.is_file():
        print(f"error: {facts_path} not found", file=sys.stderr)
        return 2
    facts, stems = load_facts(facts_path)

    pdfs = sorted(p for p in Path(args.real).iterdir() if p.suffix.lower() == ".pdf" and p.is_file())
    docs = []
    pages_out = []
    for pdf in pdfs:
        p = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        text = p.stdout.decode("utf-8", errors="replace")
        doc = {"document": pdf.name, "in_facts": pdf.stem in stems, "pages": 0, "numbers": 0, "found": 0}
        for i, ptext in enumerate(text.split("\f"), start=1):
            if not UNIT_RE.search(ptext):
                continue
            nums = page_numbers(ptext)
            if len(nums) < MIN_NUMBERS:
                continue
            want = collections.Counter(d for d in map(norm, nums) if d is not None)
            have = facts.get((pdf.stem, i), collections.Counter())
            got = want & have
            n, f = sum(want.values()), sum(got.values())
            missing = []
            for d, k in (want - have).items():
                missing.extend([d] * k)
            # keep the printed order of missing numbers
            order = {}
            for s in nums:
                order.setdefault(norm(s), len(order))
            missing.sort(key=lambda d: order.get(d, 0))
            doc["pages"] += 1
            doc["numbers"] += n
            doc["found"] += f
            pages_out.append({"document": pdf.name, "page": i, "numbers": n, "found": f,
                              "missing": [str(d) for d in missing]})
        doc["pct"] = 100.0 * doc["found"] / doc["numbers"] if doc["numbers"] else None
        docs.append(doc)

    tot_n = sum(d["numbers"] for d in docs)
    tot_f = sum(d["found"] for d in docs)
    overall = 100.0 * tot_f / tot_n if tot_n else 0.0
    scored = [d for d in docs if d["numbers"]]
    worst_docs = sorted(scored, key=lambda d: (d["pct"], -d["numbers"]))[: args.worst]
    worst_pages = sorted((p for p in pages_out if p["found"] < p["numbers"]),
                         key=lambda p: (p["found"] / p["numbers"], -p["numbers"]))[: args.worst]

    if args.json:
        json.dump({"out": str(args.out), "real": str(args.real), "overall_pct": round(overall, 3),
                   "numbers": tot_n, "found": tot_f, "documents": docs, "pages": pages_out,
                   "worst_documents": [d["document"] for d in worst_docs]},
                  sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(f"# numbers with two decimals on table pages (unit line + >= {MIN_NUMBERS} numbers) "
              f"found among facts.csv amounts of the same document and page")
        print(f"{'pages':>5} {'numbers':>8} {'found':>8} {'%':>7}  document")
        for d in docs:
            pct = f"{d['pct']:.2f}" if d["pct"] is not None else "-"
            note = "" if d["in_facts"] else "   (no rows in facts.csv)"
            print(f"{d['pages']:>5} {d['numbers']:>8} {d['found']:>8} {pct:>7}  {d['document']}{note}")
        print()
        print(f"overall: {tot_f}/{tot_n} = {overall:.2f}% over {sum(d['pages'] for d in docs)} qualifying pages "
              f"in {len(scored)}/{len(docs)} documents")
        print()
        print(f"worst {len(worst_docs)} documents:")
        for d in worst_docs:
            print(f"  {d['pct']:7.2f}%  {d['found']}/{d['numbers']}  {d['document']}")
        print()
        print(f"worst {len(worst_pages)} pages (up to 10 missing numbers each):")
        for p in worst_pages:
            miss = " ".join(p["missing"][:10]) + (" …" if len(p["missing"]) > 10 else "")
            print(f"  {p['document']} p{p['page']}: {p['found']}/{p['numbers']} found; missing {miss}")
    if args.min is not None and overall < args.min:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
