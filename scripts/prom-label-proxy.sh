#!/usr/bin/env bash
# Builds prom-label-proxy (Apache-2.0), the field's reference for "enforce a label on every PromQL
# query", from its Go module and prints the path of the binary (cached in
# ~/.cache/catalyst/bin/prom-label-proxy-<version>; see catalyst_go_binary in scripts/env.sh).
# bench/query-proxy runs it in front of the same Prometheus as Catalyst to compare the two.
#
#   PROM_LABEL_PROXY="$(scripts/prom-label-proxy.sh)"
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh" >/dev/null

catalyst_go_binary prom-label-proxy github.com/prometheus-community/prom-label-proxy \
  "${CATALYST_PROM_LABEL_PROXY_VERSION:-v0.11.1}"
