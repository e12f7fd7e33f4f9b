#!/usr/bin/env bash
# Installs the lint tools the platform runs for Python and Go repositories, each into a cached
# folder under ~/.cache/catalyst/lint-tools/ (a cached run only prints the folders):
#   ruff (MIT) from PyPI with pip: `ruff check --fix`, `ruff format`;
#   goimports (BSD-3-Clause, golang.org/x/tools) with `go install` from the Go module proxy.
# gofmt and `go vet` come with the Go toolchain. Prints the folders holding the programs, one a
# line: list them under platform.isolation.toolchain so the isolated tool runner finds them.
set -euo pipefail
RUFF_VERSION="${RUFF_VERSION:-0.17.5}"
GOIMPORTS_VERSION="${GOIMPORTS_VERSION:-v0.30.0}"
TOOLS="${CATALYST_CACHE:-$HOME/.cache/catalyst}/lint-tools"

ruff_dir="$TOOLS/ruff-$RUFF_VERSION"
if [ ! -x "$ruff_dir/bin/ruff" ]; then
  tmp="$(mktemp -d)"
  python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$tmp" "ruff==$RUFF_VERSION" >&2
  rm -rf "$ruff_dir" && mkdir -p "$TOOLS" && mv "$tmp" "$ruff_dir"
fi
"$ruff_dir/bin/ruff" --version >&2

goimports_dir="$TOOLS/goimports-$GOIMPORTS_VERSION"
if [ ! -x "$goimports_dir/goimports" ]; then
  command -v go >/dev/null || { echo "go is needed to install goimports" >&2; exit 1; }
  GOBIN="$goimports_dir" GOFLAGS=-mod=mod go install "golang.org/x/tools/cmd/goimports@$GOIMPORTS_VERSION" >&2
fi
echo "goimports $GOIMPORTS_VERSION" >&2

echo "$ruff_dir/bin"
echo "$goimports_dir"
