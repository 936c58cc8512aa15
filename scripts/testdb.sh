#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the tests, the examples and the benchmark.
#
#   scripts/testdb.sh start|stop|status|url
#
# Environment: EVENTED_PG_BASE (/tmp/evented-pg), EVENTED_PG_PORT (55434),
# EVENTED_PG_DURABLE=1 keeps PostgreSQL's durable defaults (fsync on); otherwise the
# cluster runs with fsync=off, which is fine for tests and nothing else. EVENTED_PG_OPTIONS adds
# server options at the end (they win), e.g. "-c synchronous_commit=on" for scripts/hapair.sh.
set -euo pipefail
BASE=${EVENTED_PG_BASE:-/tmp/evented-pg}
PORT=${EVENTED_PG_PORT:-55434}
BIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
DATA=$BASE/data SOCK=$BASE/sock LOG=$BASE/server.log
USER_NAME=evented PASSWORD=evented DB=evented
URL="postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB"

[ -x "$BIN/postgres" ] || { echo "testdb.sh: PostgreSQL server binaries not found (install postgresql)" >&2; exit 1; }
# initdb and postgres refuse to run as root.
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); else AS=(); fi
cd /tmp

psql_admin() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U postgres "$@"; }

start() {
  if [ ! -s "$DATA/PG_VERSION" ]; then
    mkdir -p "$BASE"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$BASE"
    "${AS[@]}" "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  fi
  "${AS[@]}" mkdir -p "$SOCK"
  if ! "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    local opts="-k $SOCK -p $PORT -c listen_addresses=127.0.0.1 -c max_connections=200"
    [ "${EVENTED_PG_DURABLE:-0}" = 1 ] || opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    opts="$opts ${EVENTED_PG_OPTIONS:-}"
    "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start -o "$opts" >/dev/null
  fi
  psql_admin -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$USER_NAME') THEN
    CREATE ROLE $USER_NAME LOGIN SUPERUSER PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
  psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
    || psql_admin -d postgres -c "CREATE DATABASE $DB OWNER $USER_NAME"
  echo "$URL"
}

stop() {
  if [ -s "$DATA/PG_VERSION" ] && "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" status ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
