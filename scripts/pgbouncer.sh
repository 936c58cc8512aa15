#!/usr/bin/env bash
# PgBouncer in front of the throwaway test server (scripts/testdb.sh), in transaction and in
# session mode, for the pooler tests and the benchmark.
#
#   scripts/pgbouncer.sh start|stop|status        both instances
#   scripts/pgbouncer.sh url transaction|session  the store URL through one of them
#
# Environment: EVENTED_PG_PORT (55434) the server's port; EVENTED_PGBOUNCER_BASE
# (/tmp/evented-pgbouncer) where the configurations, logs and pid files go;
# EVENTED_PGBOUNCER_PORT (6432) the transaction-mode port, the session-mode one is the next.
# Both pools have default_pool_size = 4 and authenticate clients with SCRAM against a userlist
# holding the test role's password.
set -euo pipefail
PG_PORT=${EVENTED_PG_PORT:-55434}
BASE=${EVENTED_PGBOUNCER_BASE:-/tmp/evented-pgbouncer}
PORT=${EVENTED_PGBOUNCER_PORT:-6432}
USER_NAME=evented PASSWORD=evented DB=evented
BIN=${PGBOUNCER:-$(command -v pgbouncer || echo /usr/sbin/pgbouncer)}

[ -x "$BIN" ] || { echo "pgbouncer.sh: pgbouncer not found (install the package pgbouncer)" >&2; exit 1; }
# PgBouncer refuses to run as root.
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); else AS=(); fi
cd /tmp

port_of() { case "$1" in transaction) echo "$PORT" ;; session) echo $((PORT + 1)) ;; *) return 1 ;; esac; }

running() { # mode
  local pid=$BASE/$1/pgbouncer.pid
  [ -s "$pid" ] && kill -0 "$(cat "$pid")" 2>/dev/null
}

start_one() { # mode
  local mode=$1 dir=$BASE/$1 port
  port=$(port_of "$mode")
  running "$mode" && return 0
  mkdir -p "$dir"
  printf '"%s" "%s"\n' "$USER_NAME" "$PASSWORD" >"$dir/userlist.txt"
  cat >"$dir/pgbouncer.ini" <<INI
[databases]
$DB = host=127.0.0.1 port=$PG_PORT dbname=$DB

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = $mode
default_pool_size = 4
max_client_conn = 500
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
  chmod 600 "$dir/userlist.txt"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$BASE"
  "${AS[@]}" "$BIN" -d -q "$dir/pgbouncer.ini"
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "pgbouncer.sh: PgBouncer ($mode) did not start listening on $port; see $dir/pgbouncer.log" >&2
  return 1
}

stop_one() { # mode
  local pid=$BASE/$1/pgbouncer.pid
  if running "$1"; then
    kill "$(cat "$pid")"
    for _ in $(seq 1 100); do running "$1" || return 0; sleep 0.05; done
    echo "pgbouncer.sh: PgBouncer ($1) did not stop" >&2
    return 1
  fi
}

case "${1:-}" in
  start) start_one transaction; start_one session ;;
  stop) stop_one transaction; stop_one session ;;
  status) for m in transaction session; do running "$m" && echo "$m: running on $(port_of "$m")" || echo "$m: stopped"; done ;;
  url)
    port=$(port_of "${2:-}") || { echo "usage: $0 url transaction|session" >&2; exit 2; }
    echo "postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$port/$DB?pooler=${2}" ;;
  *) echo "usage: $0 start|stop|status|url transaction|session" >&2; exit 2 ;;
esac
