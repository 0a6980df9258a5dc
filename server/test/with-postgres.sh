#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL: initdb in a temp dir, listen on 127.0.0.1 and a
# unix socket in that dir, export TEST_DATABASE_URL, run, stop and delete — also on failure.
# Usage: server/test/with-postgres.sh <command…>   (PG_PORT, PG_OPTS override the defaults)
set -euo pipefail

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
  echo "with-postgres: PostgreSQL binaries not found (apt-get install -y postgresql)" >&2
  exit 3
fi

PG_DIR="$(mktemp -d /tmp/companion-pg.XXXXXX)"
PG_PORT="${PG_PORT:-$(( 20000 + RANDOM % 20000 ))}"
# The server refuses to run as root: run it as the postgres user (or nobody) when we are root.
if [[ "$(id -u)" == "0" ]]; then
  PG_USER="$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)"
  chown "$PG_USER" "$PG_DIR"
  as_pg() { runuser -u "$PG_USER" -- "$@"; }
else
  as_pg() { "$@"; }
fi

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT INT TERM

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U companion -A trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
  || { cat "$PG_DIR/initdb.log" >&2; exit 3; }
# Tests favour speed over durability (PG_OPTS may override, e.g. the benchmark keeps fsync on).
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 ${PG_OPTS:--c fsync=off -c synchronous_commit=off -c full_page_writes=off}" start >/dev/null \
  || { cat "$PG_DIR/server.log" >&2; exit 3; }

export TEST_DATABASE_URL="postgres://companion@127.0.0.1:$PG_PORT/postgres"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2
set +e
"$@"
status=$?
set -e
exit $status
