#!/usr/bin/env bash
# Installs the tools kept out of the extension's dependency tree (code-server = a real VS Code with a
# Node extension host, and @vscode/vsce) from npm alone, without the downloads their install
# scripts would attempt. Re-runs skip finished steps. Needs Debian's ripgrep, and python3/make/g++
# for the native modules; .ci/run installs them.
#
# Why each step (the pitfalls are described in test/e2e/README.md):
#   - npm ci --ignore-scripts: code-server's postinstall and @vscode/ripgrep's would fetch from GitHub.
#   - @vscode/ripgrep looks for a cached download first: seed that cache with Debian's rg.
#   - argon2 (and any other install script) is built from source instead of a prebuilt download.
#   - code-server's own postinstall compiles VS Code's native modules (node-pty, spdlog...);
#     node-pty runs `npx node-gyp`, which needs npm_config_yes with no TTY, and as root it needs
#     npm_config_unsafe_perm.
set -euo pipefail
cd "$(dirname "$0")"
TOOLS="$(pwd)"
STAMP="$TOOLS/node_modules/.guardline-tools-installed"
LOG="${TMPDIR:-/tmp}/guardline-tools-install.log"

if [ -f "$STAMP" ] && cmp -s package-lock.json "$STAMP"; then
  echo "tools: already installed"
  exit 0
fi

[ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] || { echo "tools: code-server 4.100.3 needs Node 20" >&2; exit 1; }
command -v rg >/dev/null || { echo "tools: ripgrep (rg) is missing: apt-get install ripgrep" >&2; exit 1; }
# node-gyp must use the headers already on the machine: a header download would fail.
NODE_PREFIX="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$NODE_PREFIX/include/node/node.h" ]; then export npm_config_nodedir="$NODE_PREFIX"; fi

: > "$LOG"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

VSC="$TOOLS/node_modules/code-server/lib/vscode"
RG_VERSION="$(node -p "require('$VSC/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep'].version")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && npm pack --silent "@vscode/ripgrep@$RG_VERSION" >/dev/null && tar xzf ./*.tgz)
RG_TAG="$(sed -n "s/^const VERSION = '\(.*\)';.*/\1/p" "$scratch/package/lib/postinstall.js")"
case "$(uname -m)" in
  x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
  aarch64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) echo "tools: architecture $(uname -m) not handled" >&2; exit 1 ;;
esac
RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_VERSION"
mkdir -p "$RG_CACHE" "$scratch/bin"
cp "$(command -v rg)" "$scratch/bin/rg"
tar czf "$RG_CACHE/ripgrep-$RG_TAG-$RG_TARGET.tar.gz" -C "$scratch/bin" rg

# Install scripts of everything but code-server and vsce's publishing helpers (keytar, vsce-sign).
others="$(node -e 'const l = require("./package-lock.json");
  for (const [k, v] of Object.entries(l.packages)) {
    if (!v.hasInstallScript || !k.startsWith("node_modules/code-server/") && k !== "node_modules/argon2") continue;
    console.log(k.replace(/^.*node_modules\//, ""));
  }')"
for p in $others; do
  npm_config_build_from_source=true npm rebuild "$p" --foreground-scripts --loglevel=error >>"$LOG" 2>&1 \
    || { tail -40 "$LOG"; echo "tools: install script of $p failed (log: $LOG)" >&2; exit 1; }
done
npm_config_yes=true npm_config_unsafe_perm=true npm rebuild code-server --foreground-scripts --loglevel=error >>"$LOG" 2>&1 \
  || { tail -40 "$LOG"; echo "tools: code-server postinstall failed (log: $LOG)" >&2; exit 1; }
[ -x "$VSC/node_modules/@vscode/ripgrep/bin/rg" ] || { echo "tools: ripgrep not placed" >&2; exit 1; }
# --version writes a default config.yaml under $XDG_CONFIG_HOME: keep it in the scratch folder.
XDG_CONFIG_HOME="$scratch" "$TOOLS/node_modules/.bin/code-server" --version | head -1
cp package-lock.json "$STAMP"
echo "tools: installed"
