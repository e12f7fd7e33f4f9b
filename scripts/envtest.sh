#!/usr/bin/env bash
# Builds the envtest control plane (kube-apiserver + etcd) from Go modules and prints the
# directory to use as KUBEBUILDER_ASSETS. setup-envtest downloads release binaries from a
# host this workplace cannot reach, so we compile the same binaries from the module proxy.
#
#   KUBEBUILDER_ASSETS="$(scripts/envtest.sh)"
#
# Binaries are cached in ~/.cache/catalyst/envtest/<k8s-version>/; a cached run only prints
# the path. Progress and timings go to stderr, the path alone to stdout.
set -euo pipefail

K8S_VERSION="${CATALYST_ENVTEST_K8S_VERSION:-1.37.2}"
ETCD_VERSION="${CATALYST_ENVTEST_ETCD_VERSION:-3.6.16}"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/catalyst/envtest/$K8S_VERSION"

log() { printf '\033[1;34m[envtest]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[envtest]\033[0m %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "go is not on PATH"

# A new etcd release must not be mistaken for the cached one.
etcd_stamp="$CACHE_DIR/etcd.version"
cached() {
  [ -x "$CACHE_DIR/kube-apiserver" ] && [ -x "$CACHE_DIR/etcd" ] &&
    [ "$(cat "$etcd_stamp" 2>/dev/null)" = "$ETCD_VERSION" ]
}
if cached; then
  echo "$CACHE_DIR"
  exit 0
fi
mkdir -p "$CACHE_DIR"
# Two test runs starting at once build once: the second waits, then finds the cache.
exec 9>"$CACHE_DIR/.lock"
flock 9
if cached; then
  echo "$CACHE_DIR"
  exit 0
fi

export GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod"
# The machine shares two cores with other work: build at low priority, two packages at a time.
go_build() { # go_build <extra ldflags> <go build args...>
  local ldflags="-s -w $1"
  shift
  nice -n 10 go build -p 2 -trimpath -ldflags="$ldflags" "$@"
}
# install_binary <built file> <name>: an interrupted build never leaves a half-written binary.
install_binary() {
  cp "$1" "$CACHE_DIR/.$2.partial" && mv -f "$CACHE_DIR/.$2.partial" "$CACHE_DIR/$2"
}
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# new_wrapper_module <dir> <module requirement>: an empty module that requires one dependency.
new_wrapper_module() {
  mkdir -p "$1"
  (cd "$1" && go mod init "catalyst.invalid/envtest/$(basename "$1")" >/dev/null 2>&1 &&
    go mod edit -require="$2")
}

build_kube_apiserver() {
  local dir="$WORK/kube-apiserver" start=$SECONDS minor="${K8S_VERSION#*.}" gomod staging
  log "building kube-apiserver v$K8S_VERSION (cold build, several minutes)"
  new_wrapper_module "$dir" "k8s.io/kubernetes@v$K8S_VERSION"
  cd "$dir"
  go mod download k8s.io/kubernetes@"v$K8S_VERSION"
  gomod="$(go mod download -json k8s.io/kubernetes@"v$K8S_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
  [ -f "$gomod" ] || die "go.mod of k8s.io/kubernetes v$K8S_VERSION not found in the module cache"
  # k8s.io/kubernetes points every staging module at ./staging; a consumer takes the
  # matching v0.<minor>.<patch> release of each instead.
  staging="$(sed -n 's#^[[:space:]]*\(k8s\.io/[A-Za-z0-9._-]*\) => \./staging/.*#\1#p' "$gomod")"
  [ -n "$staging" ] || die "no staging replaces found in $gomod"
  local args=() module
  for module in $staging; do args+=("-replace=$module=$module@v0.$minor"); done
  go mod edit "${args[@]}"
  # Stamp the version a release build carries, so /version answers like a real server.
  local v=k8s.io/component-base/version
  go_build "-X $v.gitVersion=v$K8S_VERSION -X $v.gitMajor=${K8S_VERSION%%.*} -X $v.gitMinor=${minor%%.*}" \
    -o "$WORK/kube-apiserver.bin" k8s.io/kubernetes/cmd/kube-apiserver
  install_binary "$WORK/kube-apiserver.bin" kube-apiserver
  log "kube-apiserver v$K8S_VERSION built in $((SECONDS - start))s"
}

build_etcd() {
  local dir="$WORK/etcd" start=$SECONDS
  log "building etcd v$ETCD_VERSION (cold build)"
  new_wrapper_module "$dir" "go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
  cd "$dir"
  # The module root of go.etcd.io/etcd/server/v3 is etcd's main package.
  go_build "" -o "$WORK/etcd.bin" go.etcd.io/etcd/server/v3
  install_binary "$WORK/etcd.bin" etcd
  echo "$ETCD_VERSION" >"$etcd_stamp"
  log "etcd v$ETCD_VERSION built in $((SECONDS - start))s"
}

[ -x "$CACHE_DIR/kube-apiserver" ] || build_kube_apiserver
if [ ! -x "$CACHE_DIR/etcd" ] || [ "$(cat "$etcd_stamp" 2>/dev/null)" != "$ETCD_VERSION" ]; then
  build_etcd
fi
echo "$CACHE_DIR"
