#!/usr/bin/env bash
# The SQL plan's differential test on a real PostgreSQL server (docs/sql.md):
#   scripts/pg-test.sh DABIAO_TESTS
# initdb's a cluster in a temporary directory, starts it on a Unix socket there (no TCP), runs the
# PostgreSQL cases of the unit tests ("[postgres]": the bundled plan and random plans, verdicts
# through psql against dabiao check's), and stops and removes the cluster whatever happens.
# Exit 77 (ctest: skipped) with a message when PostgreSQL's server programs are not installed.
set -euo pipefail
tests=${1:?usage: scripts/pg-test.sh PATH/TO/dabiao_tests}

bin=""
for candidate in "$(command -v pg_ctl 2>/dev/null || true)" /usr/lib/postgresql/*/bin/pg_ctl; do
  if [[ -n "$candidate" && -x "$candidate" ]]; then bin=$(dirname "$candidate"); break; fi
done
if [[ -z "$bin" || ! -x "$bin/initdb" ]] || ! command -v psql >/dev/null; then
  echo "pg-test: SKIPPED: PostgreSQL is not installed (no initdb/pg_ctl; on Debian: apt-get install postgresql)" >&2
  exit 77
fi

dir=$(mktemp -d /tmp/dabiao-pg.XXXXXX)
chmod 755 "$dir"
# initdb and pg_ctl refuse to run as root: as root, the cluster belongs to the postgres user.
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "pg-test: SKIPPED: running as root and there is no postgres user to own the cluster" >&2
    rm -rf "$dir"
    exit 77
  fi
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$bin/initdb" -D "$dir/db" -A trust -U test -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/db" -o "-k $dir -c listen_addresses= -c fsync=off -c synchronous_commit=off" -l "$dir/server.log" -w start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }

export DABIAO_PGHOST="$dir" PGUSER=test PGDATABASE=postgres
"$tests" "[postgres]"
