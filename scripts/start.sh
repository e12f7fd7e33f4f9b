#!/usr/bin/env bash
# Start the portal: frontend on :3000, backend on :7007, SQLite in memory, demo catalog.
# Sets up everything it needs on first run (Node 22, Yarn, dependencies, mkdocs); later runs are fast.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
catalyst_bootstrap
catalyst_ensure_techdocs
cd "$CATALYST_ROOT"
exec yarn start "$@"
