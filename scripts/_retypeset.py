"""What scripts/retypeset_samples.py and scripts/retypeset_docx.py share: the samples' tables
as `yusuan tables` reads them, and their header cells rebuilt from the header paths."""
import json, os, subprocess

BIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'target', 'release', 'yusuan')


def tables_of(pdf):
    """The tables of a PDF, each with `nc` (its number of columns, body rows included), its
    header paths padded to `nc` and `depth` (the number of header rows)."""
    tables = json.loads(subprocess.run([BIN, 'tables', pdf], capture_output=True, text=True, check=True).stdout)
    for t in tables:
        nc = max([len(t['header_paths'])] + [len(r['cells']) for r in t['rows']])
        t['nc'] = nc
        t['header_paths'] = t['header_paths'] + [[] for _ in range(nc - len(t['header_paths']))]
        t['depth'] = max((len(p) for p in t['header_paths']), default=1) or 1
    return tables


def header_cells(paths, depth):
    """(row, first column, last column, last row, text) of every header cell: level `l` of
    column `c` is paths[c][l]; neighbours with the same path prefix share a cell, and the last
    level of a short path spans down to the last header row."""
    nc = len(paths)
    for l in range(depth):
        c = 0
        while c < nc:
            p = paths[c]
            if len(p) <= l:
                c += 1
                continue
            e = c
            while e + 1 < nc and len(paths[e + 1]) > l and paths[e + 1][:l + 1] == p[:l + 1]:
                e += 1
            yield l, c, e, (depth - 1 if len(p) == l + 1 else l), p[l]
            c = e + 1
