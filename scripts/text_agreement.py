#!/usr/bin/env python3
"""Compare the Chinese text `yusuan text` decodes with what pdftotext decodes.

Usage: scripts/text_agreement.py [--bin PATH] [--min 0.999] [--strict] [--timeout S] [DIRS_OR_PDFS...]

Default folders: <repo>/../shared/real and <repo>/../shared/samples (non-recursive).

For every PDF, both `pdftotext FILE -` and `yusuan text FILE` are run and the Chinese
characters in each output are counted as multisets.  "Chinese characters" are the CJK
Unified Ideographs U+4E00-U+9FFF plus Extension A U+3400-U+4DBF.

    agreement = |P ∩ Y| / max(|P|, |Y|)

where P and Y are the multisets of Chinese characters from pdftotext and yusuan and ∩ is the
multiset intersection (per character, the smaller of the two counts).  1.0 means the same
characters in the same numbers (order is ignored); a missing glyph and an extra glyph both
lower it.  Documents where pdftotext finds fewer than 50 Chinese characters are treated as
scanned (no text layer) and skipped.  U+FFFD (replacement character) in yusuan's output is
counted separately: it means a glyph yusuan could not map to Unicode.

Per document it prints: agreement, |P|, |Y|, |P ∩ Y|, number of U+FFFD, and the five
characters most missing (in pdftotext, not in yusuan) and most extra (in yusuan, not in
pdftotext) with counts.  A summary follows.  With --strict, the exit code is 1 when any
document is below --min, has U+FFFD, or yusuan fails on it; otherwise it is 0.
"""
import argparse
import collections
import os
import shutil
import subprocess
import sys
from pathlib import Path
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _poppler import ensure_poppler  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("YUSUAN_SHARED", REPO.parent / "shared"))
SCANNED_BELOW = 50


def is_cjk(ch):
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF


def cjk_counter(text):
    return collections.Counter(c for c in text if is_cjk(c))


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout}s"
    out = p.stdout.decode("utf-8", errors="replace")
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", errors="replace").strip().splitlines()
        # keep the `error[...]` line if there is one, else the last line
        msg = next((l for l in err if l.startswith("error")), err[-1] if err else "")
        return None, f"exit {p.returncode}: {msg[:200]}"
    return out, None


def fmt_top(counter, n=5):
    return " ".join(f"{ch}×{k}" for ch, k in counter.most_common(n)) or "-"


def collect(paths):
    pdfs = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            pdfs.extend(sorted(x for x in p.iterdir() if x.suffix.lower() == ".pdf" and x.is_file()))
        elif p.is_file():
            pdfs.append(p)
        else:
            print(f"warning: {p} does not exist, skipped", file=sys.stderr)
    return pdfs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="*", help="folders (or PDF files)")
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "yusuan"))
    ap.add_argument("--min", type=float, default=0.999, help="threshold for --strict (default 0.999)")
    ap.add_argument("--strict", action="store_true", help="exit 1 on any doc below --min, with U+FFFD, or failing")
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    ensure_poppler()

    dirs = args.dirs or [str(SHARED / "real"), str(SHARED / "samples")]
    pdfs = collect(dirs)
    if not pdfs:
        print("no PDFs found in " + ", ".join(dirs), file=sys.stderr)
        return 2

    print(f"# agreement = |P ∩ Y| / max(|P|,|Y|) over multisets of CJK chars (U+4E00-9FFF, U+3400-4DBF);"
          f" P = pdftotext, Y = yusuan text; docs with |P| < {SCANNED_BELOW} are skipped as scanned")
    print(f"{'agreement':>9}  {'P':>7} {'Y':>7} {'P∩Y':>7} {'FFFD':>5}  document  | missing (in P not Y) | extra (in Y not P)")

    rows = []  # (name, agreement or None, status)
    bad = []
    tot_p = tot_y = tot_i = tot_fffd = 0
    skipped = []
    failed = []
    for pdf in pdfs:
        name = str(pdf)
        ptxt, perr = run(["pdftotext", str(pdf), "-"], args.timeout)
        if ptxt is None:
            # pdftotext cannot read it (encrypted with user password, broken...). Still see what yusuan says.
            ytxt, yerr = run([args.bin, "text", str(pdf)], args.timeout)
            print(f"{'n/a':>9}  {'-':>7} {'-':>7} {'-':>7} {'-':>5}  {name}  | pdftotext failed ({perr}); "
                  f"yusuan: {'ok' if ytxt is not None else yerr}")
            skipped.append((name, "pdftotext failed"))
            continue
        P = cjk_counter(ptxt)
        np_ = sum(P.values())
        if np_ < SCANNED_BELOW:
            print(f"{'skip':>9}  {np_:>7} {'-':>7} {'-':>7} {'-':>5}  {name}  | scanned? pdftotext finds {np_} CJK chars")
            skipped.append((name, f"scanned ({np_} CJK chars in pdftotext)"))
            continue
        ytxt, yerr = run([args.bin, "text", str(pdf)], args.timeout)
        if ytxt is None:
            print(f"{'FAIL':>9}  {np_:>7} {'-':>7} {'-':>7} {'-':>5}  {name}  | yusuan text failed: {yerr}")
            failed.append((name, yerr))
            bad.append(name)
            continue
        Y = cjk_counter(ytxt)
        ny = sum(Y.values())
        inter = sum((P & Y).values())
        fffd = ytxt.count("\ufffd")
        agree = inter / max(np_, ny) if max(np_, ny) else 1.0
        missing = P - Y
        extra = Y - P
        flag = "" if (agree >= args.min and fffd == 0) else " <"
        print(f"{agree:>9.5f}  {np_:>7} {ny:>7} {inter:>7} {fffd:>5}  {name}{flag}  | "
              f"{fmt_top(missing)} | {fmt_top(extra)}")
        rows.append((name, agree, fffd))
        tot_p += np_
        tot_y += ny
        tot_i += inter
        tot_fffd += fffd
        if agree < args.min or fffd:
            bad.append(name)

    print()
    print("# summary")
    print(f"documents found:     {len(pdfs)}")
    print(f"compared:            {len(rows)}")
    print(f"skipped:             {len(skipped)}" + "".join(f"\n  - {n}: {why}" for n, why in skipped))
    print(f"yusuan text failed:  {len(failed)}" + "".join(f"\n  - {n}: {why}" for n, why in failed))
    if rows:
        ags = sorted(a for _, a, _ in rows)
        pooled = tot_i / max(tot_p, tot_y) if max(tot_p, tot_y) else 1.0
        print(f"pooled agreement:    {pooled:.5f}  (|P∩Y| {tot_i} / max(|P| {tot_p}, |Y| {tot_y}))")
        print(f"mean agreement:      {sum(ags) / len(ags):.5f}")
        print(f"min agreement:       {ags[0]:.5f}")
        print(f"docs >= {args.min}:     {sum(a >= args.min for a in ags)}/{len(ags)}")
        print(f"docs == 1.0:         {sum(a == 1.0 for a in ags)}/{len(ags)}")
        print(f"U+FFFD total:        {tot_fffd} in {sum(1 for *_, f in rows if f)} document(s)")
    print(f"below --min / FFFD / failed: {len(bad)}" + "".join(f"\n  - {n}" for n in bad))
    if args.strict and bad:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
