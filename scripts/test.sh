#!/usr/bin/env bash
# The whole test suite: type check, lint, every package's tests (databases on SQLite and
# PostgreSQL), and an end-to-end test of the started portal in Chromium.
# Sets up everything it needs; ends with one line "N passed, N failed".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$CATALYST_ROOT/scripts/postgres.sh"
cd "$CATALYST_ROOT"

REPORT="$CATALYST_ROOT/test-report"
rm -rf "$REPORT" e2e-test-report
mkdir -p "$REPORT"
PASSED=0
FAILED=0
FAILURES=()
PORTAL_PID=""

cleanup() {
  if [ -n "$PORTAL_PID" ]; then
    kill -TERM -- "-$PORTAL_PID" 2>/dev/null
    wait "$PORTAL_PID" 2>/dev/null
  fi
  catalyst_pg_down
}
trap cleanup EXIT

record() { # record <name> <passed> <failed>
  PASSED=$((PASSED + $2))
  FAILED=$((FAILED + $3))
  if [ "$3" -gt 0 ]; then FAILURES+=("$1 ($3 failed)"); fi
  catalyst_log "$1: $2 passed, $3 failed"
}

gate() { # gate <name> <command...>: a step that counts as one check
  local name="$1"; shift
  catalyst_log "── $name"
  if "$@"; then record "$name" 1 0; else record "$name" 0 1; fi
}

# counts <json-file> <node expression over r>: prints "passed failed", or "0 1" when the
# runner left no report (it crashed before writing one).
counts() {
  node -e '
    const fs = require("fs");
    try {
      const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      const [p, f] = (new Function("r", "return " + process.argv[2]))(r);
      console.log(p, f);
    } catch (e) { console.error(String(e)); console.log(0, 1); }
  ' "$1" "$2"
}

catalyst_log "── bootstrap"
catalyst_bootstrap
catalyst_ensure_techdocs
catalyst_ensure_chromium
catalyst_ensure_bubblewrap
# Prometheus, promtool, Alertmanager and amtool: the observability and operator tests run them.
bash "$CATALYST_ROOT/scripts/observability.sh" install || catalyst_die "could not install Prometheus and Alertmanager"
catalyst_ensure_go
catalyst_pg_up
# The observability tests run a real VictoriaLogs, built once from its Go module.
VICTORIALOGS="$("$CATALYST_ROOT/scripts/victorialogs.sh")" || catalyst_die "could not build VictoriaLogs"
export VICTORIALOGS

gate "tsc" yarn tsc
# Rebuilds dist-types/ from scratch: an incremental build may print unions in another order.
gate "api reports" yarn build:api-reports --ci
gate "lint" yarn backstage-cli repo lint
gate "format" yarn prettier --check --loglevel warn .

catalyst_log "── unit and database tests (SQLite + PostgreSQL)"
CI=true yarn backstage-cli repo test --json --outputFile="$REPORT/jest.json"
read -r p f < <(counts "$REPORT/jest.json" \
  '[r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites + (r.success || r.numFailedTests ? 0 : 1)]')
record "jest" "$p" "$f"

catalyst_log "── operator (Go, envtest on a real kube-apiserver + etcd built from Go modules)"
gate "operator" bash -c 'cd "$CATALYST_ROOT/operator" && make test'

catalyst_log "── end-to-end (Playwright + Chromium against the started portal)"
if curl -s -o /dev/null 127.0.0.1:7007 || curl -s -o /dev/null localhost:3000 ||
   curl -s -o /dev/null localhost:3001; then
  catalyst_log "ports 3000/3001/7007 are in use: stop the running portal first"
  record "e2e" 0 1
else
  setsid "$CATALYST_ROOT/scripts/start.sh" >"$REPORT/portal.log" 2>&1 &
  PORTAL_PID=$!
  ready=""
  for _ in $(seq 1 300); do
    # Ready means: backend up, frontend served, and guest sign-in works, which needs the
    # catalog to have ingested user:default/guest from the demo organisation.
    if curl -sf -o /dev/null http://127.0.0.1:7007/.backstage/health/v1/readiness &&
       curl -sf -o /dev/null http://localhost:3000 &&
       curl -sf -o /dev/null -H 'X-Requested-With: XMLHttpRequest' \
         'http://127.0.0.1:7007/api/auth/guest/refresh?env=development'; then ready=1; break; fi
    kill -0 "$PORTAL_PID" 2>/dev/null || break
    sleep 1
  done
  if [ -z "$ready" ]; then
    tail -n 50 "$REPORT/portal.log" >&2
    record "e2e (portal did not start)" 0 1
  else
    # The legacy-system app (packages/app-legacy) on :3001, against the same backend.
    setsid yarn start:legacy >"$REPORT/portal-legacy.log" 2>&1 &
    LEGACY_PID=$!
    for _ in $(seq 1 300); do
      curl -sf -o /dev/null http://localhost:3001 && break
      kill -0 "$LEGACY_PID" 2>/dev/null || break
      sleep 1
    done
    PLAYWRIGHT_URL=http://localhost:3000 PLAYWRIGHT_LEGACY_URL=http://localhost:3001 \
      yarn playwright test
    kill -TERM -- "-$LEGACY_PID" 2>/dev/null
    wait "$LEGACY_PID" 2>/dev/null
    read -r p f < <(counts e2e-test-report/results.json \
      '[r.stats.expected + r.stats.flaky, r.stats.unexpected + (r.errors || []).length]')
    record "e2e" "$p" "$f"
  fi
  kill -TERM -- "-$PORTAL_PID" 2>/dev/null
  wait "$PORTAL_PID" 2>/dev/null
  PORTAL_PID=""
fi

if [ "${#FAILURES[@]}" -gt 0 ]; then
  catalyst_log "failed: ${FAILURES[*]}"
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
