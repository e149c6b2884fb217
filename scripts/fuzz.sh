#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, ASan and UBSan, and runs each one in
# turn for SECONDS (default 60) on a working copy of its seed corpus. Prints a summary and
# exits non-zero when a target crashed, hung, ran out of memory or leaked; the inputs that did
# are kept in build-fuzz/crashes/<target>/. See docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]        e.g. scripts/fuzz.sh 600 fuzz_rules
#
# Environment:
#   FUZZ_CXX         the clang++ to use (default: the newest installed clang++ that can build a
#                    fuzzer; Debian 12's clang 14 is installed when there is none)
#   FUZZ_BUILD_DIR   build directory (default build-fuzz)
#   FUZZ_JOBS        parallel build jobs (default: nproc)
#   FUZZ_KEEP_GOING  1: keep fuzzing after a crash (libFuzzer fork mode), collecting every artifact
#   FUZZ_RSS_MB      RSS limit per target in MB (default 2048)
#   FUZZ_TIMEOUT     seconds one input may take before it counts as a hang (default 10)
#   FUZZ_NO_BUILD    1: run the already-built targets
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${1:-60}
shift || true
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2; }
build=${FUZZ_BUILD_DIR:-build-fuzz}
rss_mb=${FUZZ_RSS_MB:-2048}
timeout=${FUZZ_TIMEOUT:-10}

sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
apt_install() {
  echo "fuzz: installing $*" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# ---------------------------------------------------------------- toolchain

packages=(cmake ninja-build g++ tao-pegtl-dev libfmt-dev nlohmann-json3-dev libcli11-dev libzip-dev libexpat1-dev libxlsxwriter-dev libsqlite3-dev libpq-dev libicu-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) || apt_install "${missing[@]}"

# A compiler qualifies when it compiles the project's kind of visitor (std::visit with an
# `overloaded{…}` set of lambdas and its deduction guide) and links a fuzzer with the sanitizers
# (clang and its libclang-rt). The newest qualifying clang is taken: newer libFuzzers mutate better.
probe_dir=$(mktemp -d)
trap 'rm -rf "$probe_dir"' EXIT
cat >"$probe_dir/probe.cpp" <<'EOF'
#include <cstddef>
#include <cstdint>
#include <variant>
template <class... Ts> struct overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> overloaded(Ts...) -> overloaded<Ts...>;
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t size) {
    std::variant<int, double> v = static_cast<int>(size);
    return std::visit(overloaded{[](int) { return 0; }, [](double) { return 0; }}, v);
}
EOF
works() {
  command -v "$1" >/dev/null 2>&1 &&
    "$1" -std=c++20 -fsanitize=fuzzer,address,undefined "$probe_dir/probe.cpp" -o "$probe_dir/probe" >/dev/null 2>&1
}
pick_compiler() {
  if [[ -n ${FUZZ_CXX:-} ]]; then
    works "$FUZZ_CXX" && { echo "$FUZZ_CXX"; return; }
    echo "fuzz: FUZZ_CXX=$FUZZ_CXX cannot build a C++20 fuzzer with -fsanitize=fuzzer,address,undefined" >&2
    return 1
  fi
  for c in clang++-21 clang++-20 clang++-19 clang++-18 clang++-17 clang++-16 clang++-15 clang++-14 clang++; do
    works "$c" && { echo "$c"; return; }
  done
  return 1
}
if ! cxx=$(pick_compiler); then
  [[ -z ${FUZZ_CXX:-} ]] || exit 2
  apt_install clang libclang-rt-dev  # Debian 12: clang 14 and its compiler runtime (libFuzzer, sanitizers)
  cxx=$(pick_compiler) || { echo "fuzz: no usable clang++ (need clang >= 14 with libclang-rt)" >&2; exit 2; }
fi
echo "fuzz: compiler $cxx ($("$cxx" --version | head -1))" >&2

# ---------------------------------------------------------------- build

if [[ ${FUZZ_NO_BUILD:-0} != 1 ]]; then
  # A build directory configured with another compiler must be configured afresh.
  if [[ -f $build/CMakeCache.txt ]] &&
     ! grep -qx "CMAKE_CXX_COMPILER:[A-Z]*=$(command -v "$cxx")" "$build/CMakeCache.txt" &&
     ! grep -qx "CMAKE_CXX_COMPILER:[A-Z]*=$cxx" "$build/CMakeCache.txt"; then
    rm -rf "$build/CMakeCache.txt" "$build/CMakeFiles"
  fi
  # -Wno-error=deprecated-declarations: clang >= 19 reports libstdc++ 12's own use of the
  # deprecated std::get_temporary_buffer (inside std::stable_sort) against the project's -Werror.
  cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DDABIAO_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF \
    -DCMAKE_CXX_FLAGS="-Wno-error=deprecated-declarations" >/dev/null
  cmake --build "$build" --target fuzz -- -j "${FUZZ_JOBS:-$(nproc)}" >&2
fi

all_targets=()
for t in fuzz_rules fuzz_value fuzz_json fuzz_csv fuzz_xlsx fuzz_ruletest fuzz_sqlite; do
  [[ -x $build/tests/fuzz/$t ]] && all_targets+=("$t")
done
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")

max_len_of() {
  case $1 in
    fuzz_value) echo 1024 ;;  # a number needs more than 308 digits to overflow a double
    fuzz_rules) echo 16384 ;;  # rules/dongtou.dab is 12 KB
    fuzz_xlsx) echo 16384 ;;  # a small workbook zipped is 2–6 KB
    fuzz_sqlite) echo 16384 ;;  # a database of one small table is 8–12 KB (pages of 512 bytes in the seeds)
    *) echo 8192 ;;
  esac
}

# Recoverable UBSan checks (the build does not pass -fno-sanitize-recover) must stop the run.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1:report_error_type=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

# ---------------------------------------------------------------- run

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$build/logs"
summary=()
failed=0
for t in "${targets[@]}"; do
  exe=$build/tests/fuzz/$t
  [[ -x $exe ]] || { echo "fuzz: $t is not built" >&2; failed=1; summary+=("$t|-|-|-|-|-|not built"); continue; }
  corpus=$build/corpus/$t
  crashes=$build/crashes/$t
  mkdir -p "$corpus" "$crashes"
  # Seeds and regression inputs join the working corpus; the repository's folders stay as they are.
  for seeds in tests/fuzz/corpus/$t tests/fuzz/regressions/$t; do
    [[ -d $seeds ]] && cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
  done
  args=(-max_total_time="$seconds" -max_len="$(max_len_of "$t")" -timeout="$timeout" -rss_limit_mb="$rss_mb"
        -malloc_limit_mb="$rss_mb" -artifact_prefix="$root/$crashes/" -print_final_stats=1 -reload=0)
  [[ -f tests/fuzz/dict/$t.dict ]] && args+=(-dict="tests/fuzz/dict/$t.dict")
  [[ ${FUZZ_KEEP_GOING:-0} == 1 ]] && args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  log=$build/logs/$t-$stamp.log
  before=$(find "$crashes" -type f | wc -l)
  echo "fuzz: $t for ${seconds}s (log: $log)" >&2
  started=$(date +%s)
  set +e
  "$exe" "${args[@]}" "$corpus" >"$log" 2>&1
  rc=$?
  set -e
  elapsed=$(($(date +%s) - started))
  after=$(find "$crashes" -type f | wc -l)
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  if [[ -z $execs ]]; then  # fork mode prints no final stats: take the last status line
    execs=$(grep -oE '#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  fi
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  size=$(find "$corpus" -type f | wc -l)
  result=ok
  if ((rc != 0 || after > before)); then
    failed=1
    kind=$(grep -oE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer): [a-zA-Z -]+' "$log" | head -1 || true)
    [[ -n $kind ]] || kind=$(grep -m1 -oE 'runtime error: .*' "$log" || true)
    result="FAILED (exit $rc, $((after - before)) new artifact(s): ${kind:-see log})"
  fi
  summary+=("$t|${elapsed}s|${execs:-?}|${speed:-?}/s|${size}|${cov:-?}|$result")
done

echo
printf '%-11s %8s %12s %9s %7s %6s  %s\n' target time execs speed corpus cov result
for row in "${summary[@]}"; do
  IFS='|' read -r t s e sp c cv r <<<"$row"
  printf '%-11s %8s %12s %9s %7s %6s  %s\n' "$t" "$s" "$e" "$sp" "$c" "$cv" "$r"
done
if ((failed)); then
  echo
  echo "Crash inputs are in $build/crashes/<target>/. Reproduce one with:  $build/tests/fuzz/<target> <file>"
  echo "minimize it with:  $build/tests/fuzz/<target> -minimize_crash=1 -runs=10000 <file>"
fi
exit "$failed"
