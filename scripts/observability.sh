#!/usr/bin/env bash
# Prometheus, promtool and Alertmanager for Catalyst's observability plugin: installs them
# from Debian's packages when missing, tells the tests where they are, and starts a demo
# stack with instrumented services for the portal.
#
#   scripts/observability.sh install   install prometheus, promtool, alertmanager (apt) if missing
#   scripts/observability.sh paths     install if needed, then print PROMETHEUS=, PROMTOOL=, ALERTMANAGER=, AMTOOL=
#   scripts/observability.sh demo      start Prometheus, Alertmanager, VictoriaLogs and two demo
#                                      services (metrics and JSON logs) on 127.0.0.1, and write
#                                      the portal's config to <demo dir>/app-config.demo.yaml;
#                                      Ctrl-C stops everything
#
# Logs go to VictoriaLogs (Apache-2.0), built by scripts/victorialogs.sh. Loki is not
# installed: Grafana Loki is AGPL-licensed and this project's package policy says not to use it.
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

obs_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

obs_port() { # obs_port <preferred>: the preferred port when free, else any free one
  if obs_port_free "$1"; then echo "$1"; return 0; fi
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

obs_demo() {
  catalyst_ensure_node
  local dir="${CATALYST_OBSERVABILITY_DEMO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/catalyst/observability-demo}"
  local backend="${CATALYST_BACKEND_URL:-http://127.0.0.1:7007}"
  local secret="${CATALYST_ALERTMANAGER_WEBHOOK_SECRET:-catalyst-demo-secret}"
  local missing=()
  # Without apt or root the demo still runs VictoriaLogs and the services; the portal's
  # observability pages then say which instance is missing.
  if ! (obs_install); then
    missing+=("Prometheus and Alertmanager (run scripts/observability.sh install as root, or install the Debian packages prometheus and prometheus-alertmanager)")
  fi
  local victorialogs=""
  if ! victorialogs="$("$CATALYST_ROOT/scripts/victorialogs.sh")"; then
    victorialogs=""
    missing+=("VictoriaLogs (scripts/victorialogs.sh builds it with Go)")
  fi
  local prom_port am_port vl_port pay_port checkout_port
  prom_port="$(obs_port "${PROMETHEUS_PORT:-19090}")"
  am_port="$(obs_port "${ALERTMANAGER_PORT:-19093}")"
  vl_port="$(obs_port "${VICTORIALOGS_PORT:-19428}")"
  pay_port="$(obs_port 18081)"
  checkout_port="$(obs_port 18082)"
  rm -rf "$dir/prometheus-data" "$dir/alertmanager-data" "$dir/victorialogs-data" "$dir/app-config.demo.yaml"
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
      - targets: ['127.0.0.1:$pay_port']
        labels: { namespace: payments, app: payments-api }
  - job_name: checkout-web
    static_configs:
      - targets: ['127.0.0.1:$checkout_port']
        labels: { namespace: checkout, app: checkout-web }
YAML
  # The demo's shipped alert: payments-api errors above 5% for 30s. payments-api fails 8% of
  # its requests, so the alert fires about a minute after start.
  cat >"$dir/rules/catalyst-demo.yml" <<'YAML'
groups:
  - name: catalyst-demo
    interval: 15s
    rules:
      - alert: PaymentsApiErrorRate
        expr: |
          sum(rate(http_request_duration_seconds_count{namespace="payments",app="payments-api",code=~"5.."}[1m]))
            / sum(rate(http_request_duration_seconds_count{namespace="payments",app="payments-api"}[1m])) > 0.05
        for: 30s
        labels:
          severity: critical
          namespace: payments
          app: payments-api
          catalyst_entity_ref: component:default/payments-api
        annotations:
          summary: payments-api error rate above 5% for 30s
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
    # A second TERM (the process group's, then the parent's) must not cut the stop short
    # and leave servers running.
    trap '' INT TERM
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -f "$dir/app-config.demo.yaml"
    catalyst_log "demo stack stopped"
  }
  trap stop_all EXIT
  trap 'exit 130' INT TERM

  local logs_args=() vl_url="http://127.0.0.1:$vl_port"
  if [ -n "$victorialogs" ]; then
    obs_start victorialogs "$victorialogs" -httpListenAddr="127.0.0.1:$vl_port" \
      -storageDataPath="$dir/victorialogs-data" -retentionPeriod=7d -loggerLevel=WARN
    obs_wait_ready VictoriaLogs "$vl_url/health" "$dir/victorialogs.log"
    logs_args=(--victorialogs "$vl_url")
  fi
  local service="$CATALYST_ROOT/plugins/observability-backend/dev/instrumentedService.ts"
  obs_start payments-api node --no-warnings "$service" --port "$pay_port" --error-ratio 0.08 --rps 8 \
    "${logs_args[@]}" ${logs_args[@]:+--labels namespace=payments,app=payments-api}
  obs_start checkout-web node --no-warnings "$service" --port "$checkout_port" --otel --error-ratio 0.01 --rps 4 \
    "${logs_args[@]}" ${logs_args[@]:+--labels namespace=checkout,app=checkout-web}
  if obs_find prometheus >/dev/null && obs_find prometheus-alertmanager alertmanager >/dev/null; then
    obs_start prometheus "$(obs_find prometheus)" --config.file="$dir/prometheus.yml" \
      --storage.tsdb.path="$dir/prometheus-data" --web.listen-address="127.0.0.1:$prom_port" \
      --web.enable-lifecycle
    obs_start alertmanager "$(obs_find prometheus-alertmanager alertmanager)" \
      --config.file="$dir/alertmanager.yml" --storage.path="$dir/alertmanager-data" \
      --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address=
    obs_wait_ready Prometheus "http://127.0.0.1:$prom_port/-/ready" "$dir/prometheus.log"
    obs_wait_ready Alertmanager "http://127.0.0.1:$am_port/-/ready" "$dir/alertmanager.log"
  fi

  # The portal's config for the stack, written last: its presence means the stack is up.
  {
    echo "# Written by scripts/observability.sh demo; removed when the demo stops."
    echo "observability:"
    if obs_find prometheus >/dev/null && obs_find prometheus-alertmanager alertmanager >/dev/null; then
      cat <<YAML
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
YAML
    fi
    if [ -n "$victorialogs" ]; then
      cat <<YAML
  logs:
    instances:
      - name: demo
        type: victorialogs
        baseUrl: $vl_url
YAML
    fi
    echo "  goldenSignals: { rateWindow: 1m }"
  } >"$dir/app-config.demo.yaml.partial"
  mv "$dir/app-config.demo.yaml.partial" "$dir/app-config.demo.yaml"

  local item
  for item in "${missing[@]}"; do catalyst_log "demo: missing $item"; done
  cat <<TEXT
Observability demo stack is running (logs in $dir):
  Prometheus    http://127.0.0.1:$prom_port
  Alertmanager  http://127.0.0.1:$am_port  (webhook -> $backend/api/observability/webhooks/alertmanager)
  VictoriaLogs  $vl_url
  payments-api  http://127.0.0.1:$pay_port  namespace=payments  (Prometheus client metrics, 8% errors: alert PaymentsApiErrorRate fires)
  checkout-web  http://127.0.0.1:$checkout_port  namespace=checkout  (OpenTelemetry metric names, 1% errors)
Portal config: $dir/app-config.demo.yaml (./scripts/start.sh passes it with --config)
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
