#!/usr/bin/env bash
# Builds VictoriaLogs (Apache-2.0), the log store Catalyst ships, tests and documents, from its
# Go module and prints the path of the binary (cached in ~/.cache/catalyst/bin/victoria-logs-<version>;
# see catalyst_go_binary in scripts/env.sh). Run it single-node on 127.0.0.1:
#
#   VICTORIALOGS="$(scripts/victorialogs.sh)"
#   "$VICTORIALOGS" -httpListenAddr=127.0.0.1:19428 -storageDataPath="$(mktemp -d)"
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh" >/dev/null

catalyst_go_binary victoria-logs github.com/VictoriaMetrics/VictoriaLogs/app/victoria-logs \
  "${CATALYST_VICTORIALOGS_VERSION:-v1.52.2}"
