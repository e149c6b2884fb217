#!/usr/bin/env bash
# Sets up, builds and checks the bundled example: the 洞头区 plan against illustrative 2023–2024 data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
exec build/dabiao check rules/dongtou.dab --data examples/dongtou-2023-2024.json "$@"
