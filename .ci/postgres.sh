#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL from Debian's package on loopback, for the store tests.
# Usage: source .ci/postgres.sh start   -> exports PFA_TEST_POSTGRES_URL
#        .ci/postgres.sh stop DIR
set -euo pipefail

pg_bin() {
  local v
  v=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$v" ] || return 1
  echo "/usr/lib/postgresql/$v/bin"
}

start_pg() {
  if ! pg_bin >/dev/null; then
    echo "installing PostgreSQL from Debian packages..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local bin dir port
  bin=$(pg_bin)
  dir=$(mktemp -d /tmp/pfa-pg.XXXXXX)
  port=${PFA_PG_PORT:-$((20000 + RANDOM % 20000))}
  chown postgres:postgres "$dir" 2>/dev/null || true
  local run=()
  if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$bin/initdb" -D "$dir/data" -A trust -U pfa >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" start >/dev/null
  export PFA_TEST_POSTGRES_URL="postgres://pfa@127.0.0.1:$port/postgres"
  export PFA_PG_DIR="$dir"
  echo "PostgreSQL on 127.0.0.1:$port (data in $dir)" >&2
}

stop_pg() {
  local dir=$1 bin run=()
  bin=$(pg_bin) || return 0
  if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start_pg ;;
  stop) stop_pg "${2:?data dir}" ;;
  *) echo "usage: source .ci/postgres.sh start | .ci/postgres.sh stop DIR" >&2; return 2 2>/dev/null || exit 2 ;;
esac
