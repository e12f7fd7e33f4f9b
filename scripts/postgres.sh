# shellcheck shell=bash
# Sourced by scripts/test.sh. Gives the database tests a PostgreSQL server on 127.0.0.1:
# uses BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING when it is already set, otherwise
# installs Debian's PostgreSQL when it is missing, starts a throw-away cluster and stops it
# again on exit. A missing PostgreSQL fails the run; it never skips the tests.

CATALYST_PG_PORT="${CATALYST_PG_PORT:-54315}"
CATALYST_PG_STARTED_DIR=""

catalyst_pg_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1
}

catalyst_pg_install() {
  [ -n "$(catalyst_pg_bindir)" ] && [ -x "$(catalyst_pg_bindir)/initdb" ] && return 0
  catalyst_log "installing PostgreSQL (apt-get)"
  [ "$(id -u)" = 0 ] || catalyst_die "PostgreSQL is not installed and apt-get needs root: apt-get install postgresql"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 \
    || catalyst_die "apt-get install postgresql failed"
  # Debian's package starts its own cluster on 5432; the tests use a private one instead.
}

catalyst_pg_run() {
  # PostgreSQL refuses to run as root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

catalyst_pg_up() {
  if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
    catalyst_log "using PostgreSQL from BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
    return 0
  fi
  catalyst_pg_install
  local bin dir
  bin="$(catalyst_pg_bindir)"
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$CATALYST_PG_PORT"; then
    catalyst_log "PostgreSQL already running on 127.0.0.1:$CATALYST_PG_PORT, using it"
  else
    dir="$(mktemp -d /tmp/catalyst-pg.XXXXXX)"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    catalyst_pg_run "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; catalyst_die "initdb failed"; }
    catalyst_pg_run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $CATALYST_PG_PORT -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || { cat "$dir/server.log" >&2; catalyst_die "PostgreSQL did not start"; }
    CATALYST_PG_STARTED_DIR="$dir"
    catalyst_log "started PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$CATALYST_PG_PORT"
  fi
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres:postgres@127.0.0.1:$CATALYST_PG_PORT"
}

catalyst_pg_down() {
  [ -n "$CATALYST_PG_STARTED_DIR" ] || return 0
  catalyst_pg_run "$(catalyst_pg_bindir)/pg_ctl" -D "$CATALYST_PG_STARTED_DIR/data" -m fast -w stop >/dev/null 2>&1 \
    || catalyst_log "warning: could not stop PostgreSQL in $CATALYST_PG_STARTED_DIR"
  rm -rf "$CATALYST_PG_STARTED_DIR"
  CATALYST_PG_STARTED_DIR=""
}
