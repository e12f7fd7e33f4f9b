#!/usr/bin/env bash
# Prometheus, promtool and Alertmanager for Catalyst's observability plugin: installs them
# from Debian's packages when missing, tells the tests where they are, and starts a demo
# stack with instrumented services for the portal.
#
#   scripts/observability.sh install   install prometheus, promtool, alertmanager (apt) if missing
#   scripts/observability.sh paths     install if needed, then print PROMETHEUS=, PROMTOOL=, ALERTMANAGER=, AMTOOL=
#   scripts/observability.sh demo      start Prometheus, Alertmanager and two demo services on
#                                      127.0.0.1 and print the app-config to point Catalyst at
#                                      them; Ctrl-C stops everything
#
# Loki is not installed: Grafana Loki is AGPL-licensed and this project's package policy
# says not to use it. The plugin's Loki client works with any Loki you run yourself.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

obs_find() { # obs_find <name>...: the first of the commands that exists
  local name
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}

obs_install() {
  if obs_find prometheus >/dev/null && obs_find promtool >/dev/null &&
    obs_find prometheus-alertmanager alertmanager >/dev/null; then
    return 0
  fi
  command -v apt-get >/dev/null || catalyst_die "prometheus/alertmanager missing and no apt-get to install them"
  catalyst_log "installing prometheus and prometheus-alertmanager from Debian's packages"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  # policy-rc.d keeps Debian's packages from starting system services on the default ports.
  local policy=/usr/sbin/policy-rc.d created_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    created_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    prometheus prometheus-alertmanager >&2
  [ -z "$created_policy" ] || $sudo rm -f "$policy"
  # Where a service manager exists, make sure the packaged services do not hold the ports.
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now prometheus prometheus-alertmanager >/dev/null 2>&1 || true
  fi
}

obs_paths() {
  obs_install
  echo "PROMETHEUS=$(obs_find prometheus)"
  echo "PROMTOOL=$(obs_find promtool)"
  echo "ALERTMANAGER=$(obs_find prometheus-alertmanager alertmanager)"
  echo "AMTOOL=$(obs_find amtool || true)"
}

obs_wait_ready() { # obs_wait_ready <name> <url> <log>
  local i
  for i in $(seq 1 60); do
    if curl -fsS "$2" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  tail -20 "$3" >&2 || true
  catalyst_die "$1 did not become ready at $2"
}

obs_demo() {
  obs_install
  catalyst_ensure_node
  local dir="${CATALYST_OBSERVABILITY_DEMO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/catalyst/observability-demo}"
  local prom_port="${PROMETHEUS_PORT:-19090}" am_port="${ALERTMANAGER_PORT:-19093}"
  local backend="${CATALYST_BACKEND_URL:-http://127.0.0.1:7007}"
  local secret="${CATALYST_ALERTMANAGER_WEBHOOK_SECRET:-catalyst-demo-secret}"
  rm -rf "$dir/prometheus-data" "$dir/alertmanager-data"
  mkdir -p "$dir/rules" "$dir/prometheus-data" "$dir/alertmanager-data"
  printf '%s' "$secret" >"$dir/webhook-secret"

  cat >"$dir/prometheus.yml" <<YAML
global:
  scrape_interval: 15s
  evaluation_interval: 15s
rule_files:
  - $dir/rules/*.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$am_port']
scrape_configs:
  - job_name: payments-api
    static_configs:
      - targets: ['127.0.0.1:18081']
        labels: { namespace: payments, app: payments-api }
  - job_name: checkout-web
    static_configs:
      - targets: ['127.0.0.1:18082']
        labels: { namespace: checkout, app: checkout-web }
YAML
  cat >"$dir/alertmanager.yml" <<YAML
route:
  receiver: catalyst
  group_by: [alertname, catalyst_entity_ref, catalyst_rule_id]
  group_wait: 10s
  group_interval: 1m
  repeat_interval: 4h
receivers:
  - name: catalyst
    webhook_configs:
      - url: $backend/api/observability/webhooks/alertmanager
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials_file: $dir/webhook-secret
YAML

  local pids=()
  # Each server gets its own process group so that stopping it stops everything it started.
  obs_start() { # obs_start <name> <command...>
    local name="$1"; shift
    setsid "$@" >"$dir/$name.log" 2>&1 &
    pids+=("$!")
  }
  stop_all() {
    local pid
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    catalyst_log "demo stack stopped"
  }
  trap stop_all EXIT
  trap 'exit 130' INT TERM

  local service="$CATALYST_ROOT/plugins/observability-backend/dev/instrumentedService.ts"
  obs_start payments-api node --no-warnings "$service" --port 18081 --error-ratio 0.03 --rps 8
  obs_start checkout-web node --no-warnings "$service" --port 18082 --otel --error-ratio 0.01 --rps 4
  obs_start prometheus "$(obs_find prometheus)" --config.file="$dir/prometheus.yml" \
    --storage.tsdb.path="$dir/prometheus-data" --web.listen-address="127.0.0.1:$prom_port" \
    --web.enable-lifecycle
  obs_start alertmanager "$(obs_find prometheus-alertmanager alertmanager)" \
    --config.file="$dir/alertmanager.yml" --storage.path="$dir/alertmanager-data" \
    --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address=
  obs_wait_ready Prometheus "http://127.0.0.1:$prom_port/-/ready" "$dir/prometheus.log"
  obs_wait_ready Alertmanager "http://127.0.0.1:$am_port/-/ready" "$dir/alertmanager.log"

  cat <<TEXT
Observability demo stack is running (logs in $dir):
  Prometheus    http://127.0.0.1:$prom_port
  Alertmanager  http://127.0.0.1:$am_port  (webhook -> $backend/api/observability/webhooks/alertmanager)
  payments-api  http://127.0.0.1:18081  namespace=payments  (Prometheus client metrics, 3% errors)
  checkout-web  http://127.0.0.1:18082  namespace=checkout  (OpenTelemetry metric names, 1% errors)

Add to app-config.local.yaml:

observability:
  prometheus:
    instances:
      - name: demo
        baseUrl: http://127.0.0.1:$prom_port
        ruleFilesDirectory: $dir/rules
  alertmanager:
    instances:
      - name: demo
        baseUrl: http://127.0.0.1:$am_port
    webhookSecret: $secret
    webhookSecretFile: $dir/webhook-secret

and annotate components with backstage.io/kubernetes-namespace: payments (or checkout).
Press Ctrl-C to stop.
TEXT
  wait
}

case "${1:-}" in
  install) obs_install ;;
  paths) obs_paths ;;
  demo) obs_demo ;;
  *) echo "usage: $0 install|paths|demo" >&2; exit 2 ;;
esac
