#!/usr/bin/env bash
# Builds prom-label-proxy (Apache-2.0), the field's reference for "enforce a label on every PromQL
# query", from its Go module and prints the path of the binary. bench/query-proxy runs it in front
# of the same Prometheus as Catalyst to compare the two. Release archives come from a host this
# workplace cannot reach, so we compile it from the Go module proxy, like scripts/victorialogs.sh.
#
#   PROM_LABEL_PROXY="$(scripts/prom-label-proxy.sh)"
#
# The binary is cached in ~/.cache/catalyst/bin/prom-label-proxy-<version>; a cached run only
# prints the path. Progress goes to stderr, the path alone to stdout.
set -euo pipefail

VERSION="${CATALYST_PROM_LABEL_PROXY_VERSION:-v0.11.1}"
BIN_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/catalyst/bin"
BIN="$BIN_DIR/prom-label-proxy-$VERSION"
MODULE="github.com/prometheus-community/prom-label-proxy"

log() { printf '\033[1;34m[prom-label-proxy]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[prom-label-proxy]\033[0m %s\n' "$*" >&2; exit 1; }

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi
command -v go >/dev/null || die "go is not on PATH: prom-label-proxy is built from its Go module"
mkdir -p "$BIN_DIR"
# Two runs starting at once build once: the second waits, then finds the cache.
exec 9>"$BIN_DIR/.prom-label-proxy.lock"
flock 9
if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
start=$SECONDS
log "building prom-label-proxy $VERSION from $MODULE (cold build, about a minute)"
GOBIN="$WORK" GOFLAGS="-buildvcs=false" nice -n 10 \
  go install -trimpath -ldflags="-s -w" "$MODULE@$VERSION" >&2 ||
  die "go install $MODULE@$VERSION failed"
# An interrupted build never leaves a half-written binary in the cache.
cp "$WORK/prom-label-proxy" "$BIN.partial" && mv -f "$BIN.partial" "$BIN"
log "prom-label-proxy $VERSION built in $((SECONDS - start))s"
echo "$BIN"
