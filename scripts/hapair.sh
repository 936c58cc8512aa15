#!/usr/bin/env bash
# A primary and a synchronous hot standby of its own, for the failover test and benchmark: the
# primary from scripts/testdb.sh, the standby from scripts/standby.sh, with
# synchronous_standby_names = '*' and synchronous_commit = on, so that a commit is acknowledged
# only once the standby has it on disk.
#
#   scripts/hapair.sh start          fresh copies of both (any earlier ones are thrown away)
#   scripts/hapair.sh stop           stops whichever still runs
#   scripts/hapair.sh kill-primary   stops the primary at once (pg_ctl -m immediate: a crash)
#   scripts/hapair.sh promote        makes the standby the primary (pg_ctl promote)
#   scripts/hapair.sh url            the multi-host store URL (read-write: the primary, wherever it is)
#
# Environment: EVENTED_HA_BASE (/tmp/evented-ha) holds both; EVENTED_HA_PORT (55436) is the
# primary's port, the standby's the next.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BASE=${EVENTED_HA_BASE:-/tmp/evented-ha}
PORT=${EVENTED_HA_PORT:-55436}
STANDBY_PORT=$((PORT + 1))
BIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); else AS=(); fi
export EVENTED_PG_BASE=$BASE/primary EVENTED_PG_PORT=$PORT
export EVENTED_STANDBY_BASE=$BASE/standby EVENTED_STANDBY_PORT=$STANDBY_PORT
URL="postgresql://evented:evented@127.0.0.1:$PORT,127.0.0.1:$STANDBY_PORT/evented?target_session_attrs=read-write&connect_timeout=2"
cd /tmp

admin() { PGPASSWORD=evented "$BIN/psql" -X -qtA -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U evented -d evented "$@"; }

retry() {
  local attempt
  for attempt in $(seq 1 40); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 2
  done
  "$@" >/dev/null
  return 1
}

start() {
  stop
  rm -rf "$BASE"
  # A port of the ephemeral range can be held by some client's connection, in TIME-WAIT for up
  # to a minute (the server then cannot bind it): attempts for a while.
  retry env EVENTED_PG_OPTIONS="-c synchronous_commit=on" "$HERE/testdb.sh" start
  retry "$HERE/standby.sh" start
  admin -c "ALTER SYSTEM SET synchronous_standby_names = '*'" -c "SELECT pg_reload_conf()" >/dev/null
  for _ in $(seq 1 100); do
    [ "$(admin -c "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'")" = 1 ] && { echo "$URL"; return 0; }
    sleep 0.1
  done
  echo "hapair.sh: the standby did not become synchronous" >&2
  exit 1
}

stop() {
  "$HERE/standby.sh" stop || true
  "$HERE/testdb.sh" stop || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  kill-primary) "${AS[@]}" "$BIN/pg_ctl" -D "$BASE/primary/data" -m immediate -w stop >/dev/null ;;
  promote) "$HERE/standby.sh" promote ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|kill-primary|promote|url" >&2; exit 2 ;;
esac
