#!/usr/bin/env bash
# Runs `yusuan extract` over ../shared/{samples,real,styles} into DIR and, given a second folder,
# diffs the two outputs file by file with the timing column (documents.csv `millis`) blanked.
# Usage: scripts/compare_outputs.sh NEW_DIR [OLD_DIR]   (binary: target/release/yusuan or $YUSUAN_BIN)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${YUSUAN_SHARED:-../shared}"
bin="${YUSUAN_BIN:-./target/release/yusuan}"
new="$1"; old="${2:-}"
rm -rf "$new"; mkdir -p "$new"
"$bin" extract "$shared/samples" "$shared/real" "$shared/styles" -o "$new" -q || [ $? -eq 1 ]
# blank the millis column so that two runs compare equal
python3 - "$new/documents.csv" <<'PY'
import csv, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, newline='', encoding='utf-8')))
if rows and 'millis' in rows[0]:
    i = rows[0].index('millis')
    for r in rows[1:]:
        if len(r) > i: r[i] = ''
with open(p, 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, lineterminator='\n').writerows(rows)
PY
if [ -n "$old" ]; then
    if diff -r -q -x .yusuan "$old" "$new"; then echo "identical"; else echo "DIFFERENT (diff -r $old $new)"; exit 1; fi
fi
