#!/usr/bin/env python3
"""Lists Rust files over 600 lines and functions over 80 lines under crates/ (the house rules
of the README's architecture section). A function whose body is one `match` (an operator table)
is exempt. Exit code 1 when anything is listed.  Usage: scripts/long_functions.py [DIR...]"""
import os, re, sys

FN = re.compile(r'^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)')

def strip(line):
    # drop string/char literals and line comments well enough for brace counting
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])'", "''", line)
    return line.split('//')[0]

def functions(lines):
    i = 0
    while i < len(lines):
        m = FN.match(lines[i])
        if m:
            depth, started, j = 0, False, i
            while j < len(lines):
                s = strip(lines[j])
                if not started and ';' in s and '{' not in s:
                    break  # a declaration without body
                for ch in s:
                    if ch == '{': depth += 1; started = True
                    elif ch == '}': depth -= 1
                if started and depth <= 0:
                    break
                j += 1
            if started:
                body = [strip(l).strip() for l in lines[i + 1:j] if strip(l).strip()]
                one_match = bool(body) and body[0].startswith('match ') 
                yield m.group(6), i + 1, j - i + 1, one_match
            i += 1
        else:
            i += 1

def main(dirs):
    bad = 0
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if not f.endswith('.rs'): continue
                p = os.path.join(root, f)
                lines = open(p, encoding='utf-8').read().rstrip('\n').split('\n')
                if len(lines) > 600:
                    print(f'{p}: {len(lines)} lines'); bad += 1
                for name, start, n, one_match in functions(lines):
                    if n > 80 and not one_match:
                        print(f'{p}:{start}: fn {name} {n} lines'); bad += 1
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:] or ['crates']))
