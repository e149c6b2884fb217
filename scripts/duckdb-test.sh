#!/usr/bin/env bash
# The SQL plan's differential test in DuckDB (docs/sql.md):
#   scripts/duckdb-test.sh DABIAO_TESTS CACHE_DIR
# Installs DuckDB's Node.js package (@duckdb/node-api, which ships the engine) into CACHE_DIR once,
# then runs the DuckDB cases of the unit tests ("[duckdb]": the bundled plan and random plans,
# verdicts of `dabiao sql --dialect duckdb` run in DuckDB against dabiao check's).
# Exit 77 (ctest: skipped) with a message when node and npm are missing or the package cannot be
# installed (no network).
set -euo pipefail
tests=${1:?usage: scripts/duckdb-test.sh PATH/TO/dabiao_tests CACHE_DIR}
cache=${2:?usage: scripts/duckdb-test.sh PATH/TO/dabiao_tests CACHE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
package=@duckdb/node-api@1.5.6-r.1

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "duckdb-test: SKIPPED: node and npm are not installed (on Debian: apt-get install nodejs npm)" >&2
  exit 77
fi
if [[ ! -f "$cache/node_modules/@duckdb/node-api/package.json" ]]; then
  mkdir -p "$cache"
  if ! npm install --prefix "$cache" --no-audit --no-fund --no-save "$package" >"$cache/npm.log" 2>&1; then
    echo "duckdb-test: SKIPPED: cannot install $package from the npm registry:" >&2
    tail -n 5 "$cache/npm.log" >&2
    exit 77
  fi
fi
export NODE_PATH="$cache/node_modules" DABIAO_DUCKDB_RUN="$here/duckdb-run.js"
"$tests" "[duckdb]"
