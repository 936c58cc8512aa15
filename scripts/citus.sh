#!/usr/bin/env bash
# A throwaway Citus cluster on this machine for the tests and the benchmark: a coordinator and
# two workers, each a server of scripts/testdb.sh with the citus extension preloaded.
#
#   scripts/citus.sh install   installs Citus from ../shared/citus when it is there (see its README)
#   scripts/citus.sh start     fresh servers (any earlier ones are thrown away); prints the URL.
#                              Exits 77 (ctest's skip) when Citus is not installed
#   scripts/citus.sh run CMD…  runs CMD, or exits 77 with a message when Citus is not installed
#   scripts/citus.sh stop      stops whichever still runs
#   scripts/citus.sh available exits 0 when the citus extension is installed
#   scripts/citus.sh url       the coordinator's store URL
#
# Environment: EVENTED_CITUS_BASE (/tmp/evented-citus) holds the three; EVENTED_CITUS_PORT
# (55440) is the coordinator's port, the workers' the next two.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BASE=${EVENTED_CITUS_BASE:-/tmp/evented-citus}
PORT=${EVENTED_CITUS_PORT:-55440}
WORKERS=("$((PORT + 1))" "$((PORT + 2))")
BIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
URL="postgresql://evented:evented@127.0.0.1:$PORT/evented"
cd /tmp

available() {
  local libdir
  libdir=$("$BIN/pg_config" --pkglibdir 2>/dev/null) || return 1
  [ -f "$libdir/citus.so" ]
}

install() {
  available && return 0
  local installer="$HERE/../../shared/citus/install.sh"
  if [ ! -x "$installer" ] && [ ! -f "$installer" ]; then
    echo "citus.sh: Citus is not installed and ../shared/citus/install.sh is not here; the Citus tests will skip" >&2
    return 0
  fi
  bash "$installer" || echo "citus.sh: Citus could not be installed; the Citus tests will skip" >&2
}

server() { # port, then the testdb.sh command
  local port=$1; shift
  EVENTED_PG_BASE="$BASE/$port" EVENTED_PG_PORT="$port" \
    EVENTED_PG_OPTIONS="-c shared_preload_libraries=citus -c max_prepared_transactions=200 -c citus.shard_count=4 ${EVENTED_CITUS_OPTIONS:-}" \
    "$HERE/testdb.sh" "$@"
}

sql() { # port, then psql arguments
  local port=$1; shift
  PGPASSWORD=evented "$BIN/psql" -X -qtA -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U evented -d evented "$@"
}

missing() {
  echo "citus.sh: Citus is not installed, so the tests on a Citus cluster are skipped (scripts/citus.sh install)"
  exit 77
}

start() {
  available || missing
  stop
  rm -rf "$BASE"
  local port
  local attempt
  for port in "$PORT" "${WORKERS[@]}"; do
    # A port can be held for up to a minute by some client's connection in TIME-WAIT, and the
    # server then cannot bind it: attempts for a while, as scripts/hapair.sh does.
    for attempt in $(seq 1 30); do
      server "$port" start >/dev/null 2>&1 && break
      [ "$attempt" = 30 ] && { server "$port" start >/dev/null; exit 1; }
      sleep 2
    done
    # Citus connects to the other nodes as the same role, with this password, and without TLS,
    # so that a test can relay (and hold back) what the coordinator sends a worker.
    sql "$port" -c "CREATE EXTENSION IF NOT EXISTS citus" \
      -c "INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo) VALUES (0, 'evented', 'password=evented') ON CONFLICT DO NOTHING" \
      -c "ALTER SYSTEM SET citus.node_conninfo = 'sslmode=disable'" -c "SELECT pg_reload_conf()" >/dev/null
  done
  sql "$PORT" -c "SELECT citus_set_coordinator_host('127.0.0.1', $PORT)" >/dev/null
  for port in "${WORKERS[@]}"; do
    sql "$PORT" -c "SELECT citus_add_node('127.0.0.1', $port)" >/dev/null
  done
  echo "$URL"
}

stop() {
  local port
  for port in "$PORT" "${WORKERS[@]}"; do
    [ -d "$BASE/$port" ] && { server "$port" stop || true; }
  done
  return 0
}

case "${1:-}" in
  install) install ;;
  available) available ;;
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  run) shift; available || missing; exec "$@" ;;
  *) echo "usage: $0 install|available|start|stop|url|run CMD…" >&2; exit 2 ;;
esac
