#!/usr/bin/env bash
# Builds VictoriaLogs (Apache-2.0), the log store Catalyst ships, tests and documents, from its
# Go module and prints the path of the binary. Release archives come from a host this workplace
# cannot reach, so we compile the same program from the Go module proxy, like scripts/envtest.sh.
#
#   VICTORIALOGS="$(scripts/victorialogs.sh)"
#
# The binary is cached in ~/.cache/catalyst/bin/victoria-logs-<version>; a cached run only prints
# the path. Progress goes to stderr, the path alone to stdout. Run it single-node on 127.0.0.1:
#
#   "$VICTORIALOGS" -httpListenAddr=127.0.0.1:19428 -storageDataPath="$(mktemp -d)"
set -euo pipefail

VERSION="${CATALYST_VICTORIALOGS_VERSION:-v1.52.2}"
BIN_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/catalyst/bin"
BIN="$BIN_DIR/victoria-logs-$VERSION"
MODULE="github.com/VictoriaMetrics/VictoriaLogs/app/victoria-logs"

log() { printf '\033[1;34m[victorialogs]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[victorialogs]\033[0m %s\n' "$*" >&2; exit 1; }

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi
command -v go >/dev/null || die "go is not on PATH: VictoriaLogs is built from its Go module"
mkdir -p "$BIN_DIR"
# Two test runs starting at once build once: the second waits, then finds the cache.
exec 9>"$BIN_DIR/.victoria-logs.lock"
flock 9
if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
start=$SECONDS
log "building VictoriaLogs $VERSION from $MODULE (cold build, about a minute)"
# go install puts the binary in GOBIN under its own name; the machine shares two cores with
# other work, so build at low priority.
GOBIN="$WORK" GOFLAGS="-buildvcs=false" nice -n 10 \
  go install -trimpath -ldflags="-s -w" "$MODULE@$VERSION" >&2 ||
  die "go install $MODULE@$VERSION failed"
# An interrupted build never leaves a half-written binary in the cache.
cp "$WORK/victoria-logs" "$BIN.partial" && mv -f "$BIN.partial" "$BIN"
log "VictoriaLogs $VERSION built in $((SECONDS - start))s"
echo "$BIN"
