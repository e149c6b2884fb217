#!/usr/bin/env bash
# The VS Code extension (editors/vscode) as a user builds it and as VS Code runs it, without VS Code
# (which cannot be installed here): docs/tools.md, "Editor support".
#   scripts/vscode-test.sh DABIAO CACHE_DIR
# 1. Installs, once, into CACHE_DIR/tools: VS Code's TextMate engine (vscode-textmate, and
#    vscode-oniguruma with the onig.wasm that VS Code uses), @vscode/vsce (the packager) and yauzl
#    (to read the VSIX back).
# 2. Copies editors/ into CACHE_DIR/run and there does what the README says: `npm install` in
#    editors/vscode, then `vsce package` with the README's flags, with no terminal to answer prompts.
# 3. tests/editors/vscode_test.js unpacks the VSIX and checks it: its files, the grammar under the
#    real engine, the language configuration as VS Code compiles it, and extension.js's activate()
#    with the packaged vscode-languageclient starting DABIAO `lsp` (tests/editors/vscode-stub.js
#    stands in for the `vscode` module).
# Exit 77 (ctest: skipped) with a message when node and npm are missing or the packages cannot be
# installed (no registry); any other failure fails the test.
set -euo pipefail
dabiao=${1:?usage: scripts/vscode-test.sh PATH/TO/dabiao CACHE_DIR}
cache=${2:?usage: scripts/vscode-test.sh PATH/TO/dabiao CACHE_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
# @vscode/vsce 4 wants node 22; 3.9 is the last for node 20 (Debian's nodejs).
tools=(vscode-textmate@9.3.2 vscode-oniguruma@2.0.1 @vscode/vsce@3.9.2 yauzl@3.4.0)

skip() {
  echo "vscode-test: SKIPPED: $1" >&2
  [[ $# -gt 1 && -f $2 ]] && tail -n 5 "$2" >&2
  exit 77
}
command -v node >/dev/null && command -v npm >/dev/null ||
  skip "node and npm are not installed (on Debian: apt-get install nodejs npm)"

mkdir -p "$cache/tools"
if [[ ! -f "$cache/tools/node_modules/@vscode/vsce/package.json" ]]; then
  npm install --prefix "$cache/tools" --no-audit --no-fund --no-save "${tools[@]}" >"$cache/tools/npm.log" 2>&1 ||
    skip "cannot install ${tools[*]} from the npm registry:" "$cache/tools/npm.log"
fi

run="$cache/run"
rm -rf "$run"
mkdir -p "$run"
cp -a "$root/editors" "$run/"  # with the symlink editors/vscode/syntaxes/dabiao.tmLanguage.json
(cd "$run/editors/vscode" && npm install --prefer-offline --no-audit --no-fund >"$run/npm.log" 2>&1) ||
  skip "npm install in editors/vscode failed (no registry?):" "$run/npm.log"
(cd "$run/editors/vscode" &&
  "$cache/tools/node_modules/.bin/vsce" package --allow-missing-repository --skip-license --out "$run/dabiao.vsix" \
    </dev/null >"$run/vsce.log" 2>&1) || {
  echo "vscode-test: vsce package failed:" >&2
  cat "$run/vsce.log" >&2
  exit 1
}
NODE_PATH="$cache/tools/node_modules" node "$root/tests/editors/vscode_test.js" "$run/dabiao.vsix" "$dabiao" "$run"
