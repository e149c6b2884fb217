#!/usr/bin/env bash
# Rewrites the .expected files of golden tests from the current binary.
#   scripts/update-golden.sh [tests/cases/some/case.dab ...]   (default: every case)
# Review the diff (git diff tests/cases) before committing: the new output becomes the truth.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cmake --build "$build" --target dabiao golden_runner >&2
if (($#)); then cases=("$@"); else mapfile -t cases < <(find tests/cases -name '*.dab' -not -path '*/imports/*' | sort); fi
for c in "${cases[@]}"; do "$build/tests/golden_runner" "$build/dabiao" "$c" --update; done
