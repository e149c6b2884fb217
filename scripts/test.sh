#!/usr/bin/env bash
# Sets up, builds and runs every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
# The HTML report test renders the page in headless Chromium; a CJK font makes its screenshot legible;
# the JUnit test validates against tests/data/junit.xsd with xmllint (libxml2-utils); the SQL plans
# and the postgresql:// reader are tested on a PostgreSQL server that scripts/pg-test.sh starts.
for p in chromium fonts-wqy-microhei libxml2-utils postgresql; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-wqy-microhei libxml2-utils postgresql >/dev/null
    break
  fi
done
ctest --test-dir build --output-on-failure -j "$(nproc)"
