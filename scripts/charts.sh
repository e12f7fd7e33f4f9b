#!/usr/bin/env bash
# Assembles the real kube-prometheus-stack chart from its source and prints the chart folder.
# Chart archives come from hosts this workplace cannot reach; the chart sources are served by the
# Go module proxy as the module github.com/prometheus-community/helm-charts (a repository without
# a go.mod, served at a pseudo-version), so the operator's tests render the real templates.
#
#   CHART="$(scripts/charts.sh kube-prometheus-stack)"
#
# The chart is copied to ~/.cache/catalyst/charts/kube-prometheus-stack-<version> with the
# dependencies that live in the same repository (crds, kube-state-metrics,
# prometheus-node-exporter, prometheus-windows-exporter) in its charts/ folder. grafana comes from
# another repository and is left out: the operator switches it off, and Helm renders a chart
# whose disabled dependency is missing. victoria-logs-single is not available here (the proxy
# refuses github.com/VictoriaMetrics/helm-charts): its tests keep the stand-in under
# operator/test/charts. Progress goes to stderr, the path alone to stdout.
set -euo pipefail

MODULE="github.com/prometheus-community/helm-charts"
# kube-prometheus-stack 88.6.1, kube-state-metrics 8.4.1, prometheus-node-exporter 4.56.1.
MODULE_VERSION="${CATALYST_HELM_CHARTS_VERSION:-v0.0.0-20260828105119-ed5d7d9b5933}"
CHART_VERSION="88.6.1"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/catalyst/charts"

log() { printf '\033[1;34m[charts]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[charts]\033[0m %s\n' "$*" >&2; exit 1; }

[ "${1:-}" = "kube-prometheus-stack" ] || die "usage: $0 kube-prometheus-stack"
TARGET="$CACHE/kube-prometheus-stack-$CHART_VERSION"
if [ -f "$TARGET/Chart.yaml" ]; then
  echo "$TARGET"
  exit 0
fi
command -v go >/dev/null || die "go is not on PATH: the chart sources come from the Go module proxy"
mkdir -p "$CACHE"
exec 9>"$CACHE/.charts.lock"
flock 9
if [ -f "$TARGET/Chart.yaml" ]; then
  echo "$TARGET"
  exit 0
fi

log "downloading $MODULE@$MODULE_VERSION from the Go module proxy"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Outside any module, `go mod download` of an exact version only fills the module cache.
DIR="$(cd "$WORK" && GOFLAGS=-mod=mod go mod download -json "$MODULE@$MODULE_VERSION" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -d "$DIR/charts/kube-prometheus-stack" ] || die "the module has no charts/kube-prometheus-stack"
grep -q "^version: $CHART_VERSION\$" "$DIR/charts/kube-prometheus-stack/Chart.yaml" ||
  die "the module's kube-prometheus-stack is not $CHART_VERSION"

STAGE="$WORK/kube-prometheus-stack"
cp -R "$DIR/charts/kube-prometheus-stack" "$STAGE"
for dependency in kube-state-metrics prometheus-node-exporter prometheus-windows-exporter; do
  cp -R "$DIR/charts/$dependency" "$STAGE/charts/$dependency"
done
# The module cache is read-only; the copy is not.
chmod -R u+w "$STAGE"
rm -rf "$TARGET"
mv "$STAGE" "$TARGET"
log "kube-prometheus-stack $CHART_VERSION in $TARGET"
echo "$TARGET"
