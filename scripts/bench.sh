#!/usr/bin/env bash
# The national-scale benchmark (docs/performance.md): dabiao and, on the same files and the same
# comparison, SQLite (Debian's sqlite3) and DuckDB (npm @duckdb/node-api), for N counties of a
# 500-indicator plan (bench/generate.py). Whole-process wall time and peak memory
# (/usr/bin/time), RUNS runs each, median and range, and the ratio dabiao / peer from the same
# run; then the bundled plan's whole-process time against /bin/true. Not a test: a shared
# machine's wall-clock times vary.
#   scripts/bench.sh [N ...]                 (default: 100 300 1000 3000)
# Environment: BUILD_DIR (a Release build; default build-release, configured and built when
# missing), DABIAO (another dabiao binary to measure, e.g. an older build), RUNS (default 3), TIMEOUT per run in seconds (default 900), PEERS (default
# "sqlite duckdb"; empty for dabiao alone), CASES (default "long-json wide-json json-json
# long-text"), BENCH_CACHE (where DuckDB's npm package is installed; default ~/.cache/dabiao-bench),
# SEED_RUNS (default 20), KEEP=1 keeps the generated files (printed at the end). Exits 1 when
# dabiao and a peer disagree on a verdict.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${BUILD_DIR:-build-release}
runs=${RUNS:-3}
timeout_s=${TIMEOUT:-900}
peers=${PEERS-sqlite duckdb}
cases=${CASES:-long-json wide-json json-json long-text}
cache=${BENCH_CACHE:-$HOME/.cache/dabiao-bench}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 300 1000 3000)

if [ ! -x "$build/dabiao" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
    cmake --build "$build" -j2 --target dabiao >/dev/null
fi
exe=$(realpath "${DABIAO:-$build/dabiao}")
if [[ " $peers " == *" duckdb "* ]] && [ ! -d "$cache/duckdb/node_modules/@duckdb/node-api" ]; then
    mkdir -p "$cache/duckdb"
    (cd "$cache/duckdb" && npm install --no-audit --no-fund @duckdb/node-api >/dev/null)
fi

work=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
agree_failed=0
results=$work/results.tsv  # case, N, run, wall seconds, KB, exit status, CPU seconds (user + system)
: >"$results"

# measure NAME N RUN DIR COMMAND...: one whole-process run in DIR, appended to the results.
measure() {
    local name=$1 n=$2 run=$3 dir=$4
    shift 4
    local status=0 start end kb
    cd "$dir"
    start=$EPOCHREALTIME  # wall time in µs (time's %e has 10 ms steps), the same overhead for every run
    timeout "$timeout_s" /usr/bin/time -f '%M %U %S' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || status=$?
    end=$EPOCHREALTIME
    cd "$root"
    local kb user system
    read -r kb user system < <(tail -1 "$work/time")
    [[ "$kb" =~ ^[0-9]+$ ]] || { kb=0; user=0; system=0; }  # killed by the timeout
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$run" "$(( ${end/./} - ${start/./} ))e-6" \
        "$kb" "$status" "$(python3 -c "print($user + $system)")" >>"$results"
    # dabiao exits 1 when a target is missed; 2 or more is an error (such as a refused size).
    if [ "$status" -ge 2 ]; then
        echo "  $name N=$n run $run: exit $status: $(grep -m1 -i 'error\|错误' "$work/err" | cut -c1-160)" >&2
    fi
}

dabiao_case() {  # $1 = case: input-output
    case $1 in
        long-json) echo "$exe check plan.dab --data long.csv --as-of 2024 --format json -o verdicts.json" ;;
        wide-json) echo "$exe check plan.dab --data wide.csv --as-of 2024 --format json -o verdicts.json" ;;
        json-json) echo "$exe check plan.dab --data data.json --as-of 2024 --format json -o verdicts.json" ;;
        long-text) echo "$exe check plan.dab --data long.csv --as-of 2024 -o verdicts.txt" ;;
    esac
}

for n in "${sizes[@]}"; do
    dir=$work/n$n
    echo "N=$n: generating" >&2
    python3 bench/generate.py "$n" "$dir"
    sed "s#SQL_DIR#$root/bench/sql#" bench/sql/sqlite.sql >"$dir/sqlite.sql"
    for run in $(seq "$runs"); do
        for c in $cases; do
            # shellcheck disable=SC2046
            measure "dabiao $c" "$n" "$run" "$dir" $(dabiao_case "$c")
        done
        for p in $peers; do
            case $p in
                sqlite) measure sqlite "$n" "$run" "$dir" sh -c 'sqlite3 :memory: <sqlite.sql' ;;
                duckdb) measure duckdb "$n" "$run" "$dir" node "$root/bench/sql/duckdb.mjs" "$root/bench/sql" "$cache/duckdb" ;;
            esac
        done
        echo "N=$n: run $run done" >&2
    done
    # Everyone reaches the same verdicts (and so the same per-region summary): dabiao's JSON
    # report against each peer's verdicts.
    if [[ " $cases " == *" long-json "* ]]; then
        "$exe" check "$dir/plan.dab" --data "$dir/long.csv" --as-of 2024 --format json -o "$dir/verdicts.json" 2>/dev/null ||
            true
        for p in $peers; do
            python3 bench/agree.py "$dir/verdicts.json" "$dir/$p-verdicts.csv" >&2 || agree_failed=1
        done
    fi
    [ -n "${KEEP:-}" ] || rm -rf "$dir"
done

# The bundled plan, one region, whole process, against /bin/true (SEED_RUNS runs each).
for run in $(seq "${SEED_RUNS:-20}"); do
    measure "true" 1 "$run" "$root" /bin/true
    measure "seed plan" 1 "$run" "$root" "$exe" check rules/dongtou.dab --data examples/dongtou-2023-2024.json
    measure "seed plan, no data" 1 "$run" "$root" "$exe" check rules/dongtou.dab
    measure "--version" 1 "$run" "$root" "$exe" --version
done

python3 - "$results" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, n, run, sec, kb, status, cpu = line.rstrip("\n").split("\t")
    rows[(name, int(n))].append((float(sec), int(kb), int(status), float(cpu)))
def fmt(values, unit):
    lo, med, hi = min(values), statistics.median(values), max(values)
    return f"{med:.3g} {unit} ({lo:.3g}–{hi:.3g})"
print("| run | N | wall time, median (range) | CPU time (user + system) | peak memory, median (range) | exit | dabiao / SQLite | dabiao / DuckDB |")
print("|---|---:|---|---|---|---|---|---|")
for (name, n), rs in rows.items():
    secs = [r[0] for r in rs]
    mbs = [r[1] / 1024 for r in rs]
    status = ",".join(sorted({str(r[2]) for r in rs}))
    ratios = []
    for peer in ("sqlite", "duckdb"):
        if name.startswith("dabiao") and (peer, n) in rows:
            ratios.append(f"{statistics.median(secs) / statistics.median(r[0] for r in rows[(peer, n)]):.2g}")
        else:
            ratios.append("")
    time_unit = "ms" if max(secs) < 1 else "s"
    shown = [s * 1000 for s in secs] if time_unit == "ms" else secs
    cpu = [r[3] for r in rs]
    print(f"| {name} | {n} | {fmt(shown, time_unit)} | {fmt(cpu, 's')} | {fmt(mbs, 'MB')} | {status} | {ratios[0]} | {ratios[1]} |")
PY
[ -z "${KEEP:-}" ] || echo "files kept in $work" >&2
exit "$agree_failed"
