#!/usr/bin/env bash
# Times dabiao on generated hostile sizes, to check that each cost grows linearly with its input
# (docs/data.md, Limits). Not a test: wall-clock times on a shared machine vary; compare the ratio
# between N and 2N (about 2 when linear, about 4 when quadratic).
#   scripts/scale-check.sh [N]        (default N = 20000; runs N and 2N)
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${BUILD_DIR:-build}/dabiao
n=${1:-20000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
generate() {  # $1 = size
    python3 - "$dir" "$1" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
head = 'plan "p" { region r  baseline 2022  period 2023..2024 }\n'
# JSON "values" with n members, all unknown keys but one (the DOM builder; "did you mean").
open(f'{d}/members{n}.dab', 'w').write(head + 'indicator a "甲" unit % { 2023: 80 }\n')
open(f'{d}/members{n}.json', 'w').write(
    '{"region":"r","values":{"a":{"2023":81}' + ''.join(f',"k{i}":{{"2023":1}}' for i in range(n)) + '}}')
# n indicators, each with a value in JSON.
open(f'{d}/indicators{n}.dab', 'w').write(
    head + ''.join(f'indicator i{i} "指标{i}" unit % {{ 2023: 80 }}\n' for i in range(n)))
open(f'{d}/indicators{n}.json', 'w').write(
    '{"region":"r","values":{' + ','.join(f'"i{i}":{{"2023":81}}' for i in range(n)) + '}}')
# a file importing n files (each looked up among the files loaded and being loaded).
open(f'{d}/imports{n}.dab', 'w').write(''.join(f'import "m{i}.dab"\n' for i in range(n)) + head)
for i in range(n):
    open(f'{d}/m{i}.dab', 'w').write(f'fn f{i}(x) = x\n')
PY
}
for size in "$n" $((2 * n)); do
    generate "$size"
    for c in members indicators; do
        /usr/bin/time -f "$c $size: %e s, %M KB" "$exe" check "$dir/$c$size.dab" --data "$dir/$c$size.json" \
            >/dev/null 2>"$dir/err" || true
        tail -1 "$dir/err"
    done
    /usr/bin/time -f "imports $size: %e s, %M KB" "$exe" check "$dir/imports$size.dab" >/dev/null 2>"$dir/err" || true
    tail -1 "$dir/err"
done
