#!/usr/bin/env bash
# A hot standby of the throwaway test server (scripts/testdb.sh), made with pg_basebackup -R and
# kept up to date by streaming replication, for the replica and failover tests and the benchmark.
#
#   scripts/standby.sh start|stop|status|url|promote|lag
#
# start copies the primary when there is no copy yet and starts the standby; stop stops it (the
# copy stays, for a quick restart); promote makes it a primary (pg_ctl promote); lag prints the
# bytes of WAL the standby has still to replay and its replay lag in ms (pg_stat_replication); url prints the standby's store URL.
#
# Environment: EVENTED_PG_PORT (55434) the primary's port; EVENTED_STANDBY_PORT (55435) and
# EVENTED_STANDBY_BASE (/tmp/evented-standby) the standby's; EVENTED_STANDBY_FRESH=1 throws an
# existing copy away first. The primary's defaults suffice: wal_level=replica, max_wal_senders=10,
# and initdb's pg_hba.conf lets the test role (a superuser) replicate over 127.0.0.1 with its
# password.
set -euo pipefail
PG_PORT=${EVENTED_PG_PORT:-55434}
PORT=${EVENTED_STANDBY_PORT:-55435}
BASE=${EVENTED_STANDBY_BASE:-/tmp/evented-standby}
BIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
DATA=$BASE/data SOCK=$BASE/sock LOG=$BASE/server.log
USER_NAME=evented PASSWORD=evented DB=evented
URL="postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB"

[ -x "$BIN/postgres" ] || { echo "standby.sh: PostgreSQL server binaries not found (install postgresql)" >&2; exit 1; }
# pg_basebackup's copy and the server must belong to postgres, which the server runs as.
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); else AS=(); fi
cd /tmp

running() { [ -s "$DATA/PG_VERSION" ] && "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

start() {
  [ "${EVENTED_STANDBY_FRESH:-0}" = 1 ] && { stop; rm -rf "$DATA"; }
  if [ ! -s "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    mkdir -p "$BASE"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$BASE"
    # -R writes primary_conninfo and standby.signal; -X stream copies the WAL of the copy too.
    "${AS[@]}" env PGPASSWORD="$PASSWORD" "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U "$USER_NAME" \
      -D "$DATA" -R -X stream -c fast
  fi
  "${AS[@]}" mkdir -p "$SOCK"
  if ! running; then
    local opts="-k $SOCK -p $PORT -c listen_addresses=127.0.0.1 -c max_connections=200 -c hot_standby=on"
    # Queries on the standby are not cancelled by replay that removes rows they might see.
    opts="$opts -c hot_standby_feedback=on -c max_standby_streaming_delay=-1"
    [ "${EVENTED_PG_DURABLE:-0}" = 1 ] || opts="$opts -c fsync=off -c full_page_writes=off"
    # The port is in the ephemeral range: a client's connection in TIME-WAIT on it keeps the
    # server from binding it for up to a minute. Attempts for a while.
    local attempt
    for attempt in $(seq 1 40); do
      "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start -o "$opts" >/dev/null 2>&1 && break
      [ "$attempt" = 40 ] && { echo "standby.sh: the standby does not start (see $LOG)" >&2; exit 1; }
      sleep 2
    done
  fi
  # Accepting connections, and replaying what the primary streams.
  for _ in $(seq 1 200); do
    if "$BIN/psql" -X -qtA -h "$SOCK" -p "$PORT" -U postgres -d postgres \
         -c "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null | grep -q streaming; then
      echo "$URL"
      return 0
    fi
    sleep 0.1
  done
  echo "standby.sh: the standby does not stream from the primary on port $PG_PORT (see $LOG)" >&2
  exit 1
}

stop() {
  if running; then
    "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  fi
}

lag() {
  "$BIN/psql" -X -qtA -h 127.0.0.1 -p "$PG_PORT" -U "$USER_NAME" -d "$DB" \
    -c "SELECT COALESCE(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), -1)::bigint, COALESCE(max(date_part('epoch', replay_lag) * 1000), 0)::bigint FROM pg_stat_replication"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" status ;;
  url) echo "$URL" ;;
  promote) "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -w promote >/dev/null ;;
  lag) PGPASSWORD=$PASSWORD lag ;;
  *) echo "usage: $0 start|stop|status|url|promote|lag" >&2; exit 2 ;;
esac
