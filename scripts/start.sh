#!/usr/bin/env bash
# Start the portal: frontend on :3000, backend on :7007, SQLite in memory, demo catalog, and
# the observability demo (Prometheus, Alertmanager, VictoriaLogs and two demo services on
# 127.0.0.1, see scripts/observability.sh) with the portal pointed at it.
#
#   ./scripts/start.sh             portal and observability demo
#   ./scripts/start.sh --no-demo   portal only (or CATALYST_DEMO=0)
#
# Sets up everything it needs on first run (Node 22, Yarn, dependencies, mkdocs); later runs are fast.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
catalyst_bootstrap
catalyst_ensure_techdocs
cd "$CATALYST_ROOT"

demo="${CATALYST_DEMO:-1}"
args=()
for arg in "$@"; do
  if [ "$arg" = "--no-demo" ]; then demo=0; else args+=("$arg"); fi
done
if [ "$demo" = "0" ]; then
  exec yarn start "${args[@]}"
fi

export CATALYST_OBSERVABILITY_DEMO_DIR="${CATALYST_OBSERVABILITY_DEMO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/catalyst/observability-demo}"
demo_config="$CATALYST_OBSERVABILITY_DEMO_DIR/app-config.demo.yaml"
rm -f "$demo_config"
# The demo runs in this process group: stopping start.sh (Ctrl-C, or a TERM to the group)
# stops the demo's servers too.
"$CATALYST_ROOT/scripts/observability.sh" demo &
demo_pid=$!
portal_pid=""
stop() {
  trap '' INT TERM
  [ -z "$portal_pid" ] || kill -TERM "$portal_pid" 2>/dev/null || true
  kill -TERM "$demo_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 600); do
  [ -f "$demo_config" ] && break
  kill -0 "$demo_pid" 2>/dev/null || break
  sleep 0.5
done
configs=(--config "$CATALYST_ROOT/app-config.yaml")
[ ! -f app-config.local.yaml ] || configs+=(--config "$CATALYST_ROOT/app-config.local.yaml")
if [ -f "$demo_config" ]; then
  configs+=(--config "$demo_config")
else
  catalyst_log "the observability demo did not start (see above); starting the portal without it"
fi
yarn start "${configs[@]}" "${args[@]}" &
portal_pid=$!
wait "$portal_pid"
