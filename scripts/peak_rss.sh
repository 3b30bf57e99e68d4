#!/usr/bin/env bash
# Peak memory of `yusuan extract` on a batch of N documents (the samples repeated).
#
# Usage: scripts/peak_rss.sh [N] [--jobs J] [--limit MB] [--bin PATH] [--keep]
#
#   N        number of documents in the batch (default 500): the PDFs in
#            $SHARED/samples (default <repo>/../shared/samples, override with YUSUAN_SHARED)
#            are hard-linked (symlinked if that fails) into a temp folder under distinct names
#            (0001-dev-s1-000.pdf, ...), cycling through them until N files exist.
#   --jobs   passed to yusuan extract (default 2)
#   --limit  fail (exit 1) when peak RSS exceeds this many MB (default 300)
#   --keep   keep the temp folder (input and output) and print its path
#
# Runs `/usr/bin/time -v yusuan extract DIR -o OUT --jobs J` and prints documents, seconds
# and peak RSS (maximum resident set size) in MB. Exit 0 when under the limit, 1 when over,
# 2 when yusuan extract writes no documents.csv or the setup is wrong (a non-zero exit of
# extract because some document failed is only a warning).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
SHARED="${YUSUAN_SHARED:-$REPO/../shared}"
SHARED="$(cd "$SHARED" 2>/dev/null && pwd || echo "$SHARED")"
BIN="$REPO/target/release/yusuan"
N=500
JOBS=2
LIMIT=300
KEEP=0

while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) JOBS="$2"; shift 2 ;;
    --limit) LIMIT="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    [0-9]*) N="$1"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (/usr/bin/time)..." >&2
  (apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1; }) \
    || { echo "error: /usr/bin/time missing and could not be installed" >&2; exit 2; }
fi
if [ ! -x "$BIN" ]; then
  echo "building release binary..." >&2
  (cd "$REPO" && cargo build --release -p yusuan) >&2
fi

shopt -s nullglob
SAMPLES=("$SHARED"/samples/*.pdf)
shopt -u nullglob
if [ ${#SAMPLES[@]} -eq 0 ]; then
  echo "error: no PDFs in $SHARED/samples" >&2
  exit 2
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/yusuan-peak-rss.XXXXXX")"
if [ "$KEEP" = 0 ]; then trap 'rm -rf "$TMP"' EXIT; fi
mkdir -p "$TMP/in"
for ((i = 0; i < N; i++)); do
  src="${SAMPLES[$((i % ${#SAMPLES[@]}))]}"
  dst="$TMP/in/$(printf '%04d' "$i")-$(basename "$src")"
  ln "$src" "$dst" 2>/dev/null || ln -s "$(readlink -f "$src")" "$dst"
done

set +e
/usr/bin/time -v -o "$TMP/time.txt" "$BIN" extract "$TMP/in" -o "$TMP/out" --jobs "$JOBS" >"$TMP/stdout.txt" 2>"$TMP/stderr.txt"
rc=$?
set -e

kb=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$TMP/time.txt")
secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
mb=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
docs_out="-"
if [ -f "$TMP/out/documents.csv" ]; then
  docs_out=$(( $(wc -l <"$TMP/out/documents.csv") - 1 ))
fi

echo "documents:     $N (input), $docs_out rows in documents.csv"
echo "jobs:          $JOBS"
echo "seconds:       $secs"
echo "peak RSS:      $mb MB (limit $LIMIT MB)"
[ "$KEEP" = 1 ] && echo "kept:          $TMP"

if [ "$rc" -ne 0 ]; then
  # extract exits non-zero when some document failed; that is not a memory problem as long as it ran
  echo "warning: yusuan extract exited with $rc; last lines of its output:" >&2
  tail -n 3 "$TMP/stdout.txt" "$TMP/stderr.txt" >&2
  if [ ! -f "$TMP/out/documents.csv" ]; then
    echo "error: no documents.csv was written" >&2
    exit 2
  fi
fi
if awk -v m="$mb" -v l="$LIMIT" 'BEGIN { exit !(m > l) }'; then
  echo "FAIL: peak RSS $mb MB exceeds $LIMIT MB"
  exit 1
fi
echo "OK: peak RSS under $LIMIT MB"
