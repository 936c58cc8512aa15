#!/usr/bin/env bash
# A pg_auto_failover cluster of its own for the failover test: a monitor and two data nodes, each
# run by its pg_autoctl keeper, one the primary and the other its synchronous standby. The same
# commands as scripts/hapair.sh, but the failover is the monitor's: kill-primary crashes the node
# the monitor sees as primary, and promote only waits for the monitor to promote the other.
#
#   scripts/autofailover.sh start          fresh monitor and nodes (any earlier ones are thrown
#                                          away); prints the URL once the standby is synchronous.
#                                          Exits 77 (ctest's skip) when pg_auto_failover is not installed
#   scripts/autofailover.sh stop           stops whichever still runs
#   scripts/autofailover.sh kill-primary   kill -9 of the primary node's pg_autoctl process tree and
#                                          its postmaster (a crash of the node, keeper included)
#   scripts/autofailover.sh promote        waits (EVENTED_AUTOFAILOVER_WAIT, 60 s) until the monitor
#                                          has promoted the other node and it accepts writes
#   scripts/autofailover.sh url            the multi-host store URL (read-write: the primary, wherever it is)
#   scripts/autofailover.sh state          the monitor's view (pg_autoctl show state)
#   scripts/autofailover.sh run CMD…       runs CMD, or exits 77 with a message when not installed
#   scripts/autofailover.sh available      exits 0 when pg_autoctl and the monitor's extension are installed
#
# Environment: EVENTED_AUTOFAILOVER_BASE (/tmp/evented-paf) holds all three, each under its own
# directory with its data, its pg_autoctl's log and pid; EVENTED_AUTOFAILOVER_PORT (55444) is the
# monitor's port, the nodes' the next two. EVENTED_PG_DURABLE=1 keeps fsync on.
#
# The monitor's settings (MONITOR_SETTINGS) fail a dead primary over in seconds: it checks each
# node every second (a check fails after 1 s without an answer and is tried once more 0.5 s
# later), takes a node whose check failed and whose keeper has not reported for 2 s as failed,
# and gives a failed primary 3 s to drain before it promotes the standby; pg_auto_failover's
# defaults are 5 s, 5 s, 2 retries 2 s apart, 20 s and 30 s. A real cluster keeps that last one
# above the keepers' network_partition_timeout (20 s), after which a primary cut off from the
# monitor and its standby stops itself; the primary here is dead. The monitor's connections and
# the replication between the nodes are trusted on 127.0.0.1; the store's role evented (a
# superuser, password evented, as in scripts/testdb.sh) must give its password.
set -euo pipefail
BASE=${EVENTED_AUTOFAILOVER_BASE:-/tmp/evented-paf}
PORT=${EVENTED_AUTOFAILOVER_PORT:-55444}
NODE_PORTS=("$((PORT + 1))" "$((PORT + 2))")
WAIT=${EVENTED_AUTOFAILOVER_WAIT:-60}
BIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
AUTOCTL=${PG_AUTOCTL:-$(command -v pg_autoctl || echo /usr/bin/pg_autoctl)}
SOCK=$BASE/sock
USER_NAME=evented PASSWORD=evented DB=evented
URL="postgresql://$USER_NAME:$PASSWORD@127.0.0.1:${NODE_PORTS[0]},127.0.0.1:${NODE_PORTS[1]}/$DB?target_session_attrs=read-write&connect_timeout=2"
MONITOR_URL="postgres://autoctl_node@127.0.0.1:$PORT/pg_auto_failover?sslmode=disable"
# The monitor's health checks and promotion, in ms.
MONITOR_SETTINGS=(
  "pgautofailover.health_check_period = 1000"
  "pgautofailover.health_check_timeout = 1000"
  "pgautofailover.health_check_max_retries = 1"
  "pgautofailover.health_check_retry_delay = 500"
  "pgautofailover.node_considered_unhealthy_timeout = 2000"
  "pgautofailover.primary_demote_timeout = 3000"
)
# initdb, postgres and pg_autoctl refuse to run as root. pg_autoctl keeps its configuration,
# state and pid files under the XDG directories: all of them in the base directory.
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); else AS=(); fi
ENV=(env "XDG_CONFIG_HOME=$BASE/xdg/config" "XDG_DATA_HOME=$BASE/xdg/data" "XDG_RUNTIME_DIR=$BASE/xdg/run" "PGHOST=$SOCK")
cd /tmp

available() {
  local sharedir
  [ -x "$AUTOCTL" ] && [ -x "$BIN/postgres" ] || return 1
  sharedir=$("$BIN/pg_config" --sharedir 2>/dev/null) || return 1
  [ -f "$sharedir/extension/pgautofailover.control" ]
}

missing() {
  echo "autofailover.sh: pg_auto_failover is not installed (packages postgresql-15-auto-failover and pg-auto-failover-cli), so the failover test with it is skipped"
  exit 77
}

autoctl() { "${AS[@]}" "${ENV[@]}" "$AUTOCTL" "$@"; }

# psql as postgres over the socket (trusted) on the given port.
sql() { # port, database, then psql arguments
  local port=$1 db=$2; shift 2
  "$BIN/psql" -X -qtA -v ON_ERROR_STOP=1 -h "$SOCK" -p "$port" -U postgres -d "$db" "$@"
}

monitor_sql() { sql "$PORT" pg_auto_failover -c "$1" 2>/dev/null; }

node_dir() { # port
  if [ "$1" = "${NODE_PORTS[0]}" ]; then echo "$BASE/node1"; else echo "$BASE/node2"; fi
}

# A client's connection can hold a port of the ephemeral range as its own end for a while (the
# server then cannot bind it): waits until none does, a minute at most. Ones in TIME-WAIT do not
# keep PostgreSQL from binding the port.
wait_port_free() { # port
  local _
  for _ in $(seq 1 60); do
    [ -z "$(ss -Htan state all exclude time-wait "( sport = :$1 )" 2>/dev/null)" ] && return 0
    sleep 1
  done
  echo "autofailover.sh: port $1 stays in use" >&2
  return 1
}

# A data directory of initdb's, with the settings of the other test servers: loopback only, a
# socket directory of its own, and every host connection trusted but the store role's.
init_data() { # directory, then further postgresql.conf lines
  local data=$1; shift
  "${AS[@]}" "$BIN/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=trust >/dev/null
  "${AS[@]}" tee "$data/pg_hba.conf" >/dev/null <<HBA
local all all trust
host all $USER_NAME 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
HBA
  {
    echo "# scripts/autofailover.sh: after pg_auto_failover's include, so these win"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$SOCK'"
    echo "max_connections = 200"
    [ "${EVENTED_PG_DURABLE:-0}" = 1 ] || echo "fsync = off"
    local line
    for line in "$@"; do echo "$line"; done
  } | "${AS[@]}" tee -a "$data/postgresql.conf" >/dev/null
}

# pg_autoctl run for the node in a directory, in the background and a session of its own: its
# log in pg_autoctl.log, its pid in pg_autoctl.pid.
launch() { # directory
  local dir=$1 _
  rm -f "$dir/pg_autoctl.pid"
  setsid "${AS[@]}" "${ENV[@]}" bash -c 'echo $$ >"$1"; shift; exec "$@"' launch "$dir/pg_autoctl.pid" \
    "$AUTOCTL" run --pgdata "$dir/data" >>"$dir/pg_autoctl.log" 2>&1 </dev/null &
  for _ in $(seq 1 100); do
    [ -s "$dir/pg_autoctl.pid" ] && return 0
    sleep 0.1
  done
  echo "autofailover.sh: pg_autoctl run did not start for $dir" >&2
  return 1
}

# What start, kill-primary and promote did, and when, in failover.log.
note() { echo "$(date +%T.%3N) $*" >>"$BASE/failover.log"; }

fail() { # message
  echo "autofailover.sh: $1 (logs under $BASE)" >&2
  autoctl show state --pgdata "$BASE/monitor/data" >&2 2>/dev/null || true
  exit 1
}

wait_for() { # seconds, description, command…
  local seconds=$1 what=$2 _; shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  fail "$what"
}

node_state_is() { # port, state…
  local port=$1; shift
  local state
  state=$(monitor_sql "SELECT reportedstate || '/' || goalstate FROM pgautofailover.node WHERE nodeport = $port") || return 1
  local want
  for want in "$@"; do [ "$state" = "$want/$want" ] && return 0; done
  return 1
}

synchronous() { # primary port: the standby is synchronous and the primary names it
  local names sync
  names=$(sql "$1" postgres -c "SHOW synchronous_standby_names" 2>/dev/null) || return 1
  sync=$(sql "$1" postgres -c "SELECT count(*) FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum')" 2>/dev/null) || return 1
  [ -n "$names" ] && [ "$sync" = 1 ]
}

start() {
  available || missing
  stop
  rm -rf "$BASE"
  mkdir -p "$BASE" "$SOCK" "$BASE/monitor" "$BASE/node1" "$BASE/node2"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$BASE"
  note "start"
  local port
  for port in "$PORT" "${NODE_PORTS[@]}"; do wait_port_free "$port"; done
  note "start: ports free"

  init_data "$BASE/monitor/data" "${MONITOR_SETTINGS[@]}"
  autoctl create monitor --pgctl "$BIN/pg_ctl" --pgdata "$BASE/monitor/data" --pgport "$PORT" \
    --hostname 127.0.0.1 --skip-pg-hba --no-ssl >>"$BASE/monitor/create.log" 2>&1 \
    || fail "pg_autoctl create monitor failed"
  # pg_autoctl gives postgres its listen_addresses on the command line ('*' for a monitor).
  autoctl config set --pgdata "$BASE/monitor/data" postgresql.listen_addresses 127.0.0.1 >/dev/null
  launch "$BASE/monitor"
  wait_for 60 "the monitor does not answer" monitor_sql "SELECT 1 FROM pgautofailover.formation"
  note "start: the monitor runs"

  # The first node from a data directory of its own, the second a copy of it (pg_basebackup,
  # by its keeper), which thus has the same settings.
  init_data "$BASE/node1/data"
  local i
  for i in 0 1; do
    local dir=$BASE/node$((i + 1))
    autoctl create postgres --pgctl "$BIN/pg_ctl" --pgdata "$dir/data" --pgport "${NODE_PORTS[$i]}" \
      --pghost "$SOCK" --listen 127.0.0.1 --hostname 127.0.0.1 --name "node$((i + 1))" --username postgres \
      --dbname "$DB" --monitor "$MONITOR_URL" --skip-pg-hba --no-ssl \
      --replication-quorum true >>"$dir/create.log" 2>&1 || fail "pg_autoctl create postgres failed for node$((i + 1))"
    launch "$dir"
    if [ "$i" = 0 ]; then
      wait_for 60 "node1 does not become the single node" node_state_is "${NODE_PORTS[0]}" single
      wait_for 60 "node1 does not answer" sql "${NODE_PORTS[0]}" postgres -c "SELECT 1"
      sql "${NODE_PORTS[0]}" postgres >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$USER_NAME') THEN
    CREATE ROLE $USER_NAME LOGIN SUPERUSER PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
      if sql "${NODE_PORTS[0]}" postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
        sql "${NODE_PORTS[0]}" postgres -c "ALTER DATABASE $DB OWNER TO $USER_NAME" >/dev/null
      else
        sql "${NODE_PORTS[0]}" postgres -c "CREATE DATABASE $DB OWNER $USER_NAME" >/dev/null
      fi
    fi
  done
  wait_for 120 "the nodes do not become primary and secondary" \
    eval 'node_state_is "${NODE_PORTS[0]}" primary && node_state_is "${NODE_PORTS[1]}" secondary'
  note "start: primary and secondary"
  wait_for 60 "the standby does not become synchronous" synchronous "${NODE_PORTS[0]}"
  note "start: the standby is synchronous"
  # The store's role connects with its password.
  PGPASSWORD=$PASSWORD "$BIN/psql" -X -qtA "$URL" -c "SELECT 1" >/dev/null || fail "the store's role cannot connect"
  echo "$URL"
}

descendants() { # pid: it and every process under it, from one listing of all processes
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END {
      for (pid in parent) {
        for (p = pid; p != "" && p != 0 && p != 1; p = parent[p]) if (p == root) { print pid; break }
      }
    }'
}

# A process that has ended but is not yet reaped (a zombie) counts as ended.
alive() { # pid
  local stat
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

# The keeper and postgres of one node: the pids of pg_autoctl (recorded) and of the postmaster.
node_pids() { # directory
  local dir=$1
  [ -s "$dir/pg_autoctl.pid" ] && alive "$(cat "$dir/pg_autoctl.pid")" && descendants "$(cat "$dir/pg_autoctl.pid")"
  [ -s "$dir/data/postmaster.pid" ] && alive "$(head -n 1 "$dir/data/postmaster.pid")" && head -n 1 "$dir/data/postmaster.pid"
  return 0
}

kill_primary() {
  local port dir pids _
  port=$(monitor_sql "SELECT nodeport FROM pgautofailover.node WHERE reportedstate = 'primary' AND goalstate = 'primary'")
  [ -n "$port" ] || fail "the monitor has no primary"
  # A crash now must find the other node a synchronous standby that the monitor can promote.
  local other=${NODE_PORTS[0]}
  [ "$port" = "$other" ] && other=${NODE_PORTS[1]}
  node_state_is "$other" secondary && synchronous "$port" \
    || fail "the node on port $other is not the primary's synchronous secondary"
  dir=$(node_dir "$port")
  # All at once, so that no pg_autoctl process is left to start postgres again.
  pids=$(node_pids "$dir" | sort -u)
  [ -n "$pids" ] || fail "no process of the primary's ($dir) runs"
  # shellcheck disable=SC2086
  kill -9 $pids 2>/dev/null || true
  note "kill-primary: node on port $port, pids" $pids
  for _ in $(seq 1 100); do
    local left=0 pid
    for pid in $pids; do alive "$pid" && left=1; done
    [ "$left" = 0 ] && return 0
    sleep 0.05
  done
  fail "processes of the killed primary still run"
}

promote() {
  local port standby="" _
  # The node that is not the dead one: a node whose keeper still runs.
  for port in "${NODE_PORTS[@]}"; do
    local dir
    dir=$(node_dir "$port")
    [ -s "$dir/pg_autoctl.pid" ] && alive "$(cat "$dir/pg_autoctl.pid")" && standby=$port
  done
  [ -n "$standby" ] || fail "no node's pg_autoctl runs"
  for _ in $(seq 1 $((WAIT * 10))); do
    # Promoted, and past stop_replication (where writes still wait): wait_primary, or primary.
    if node_state_is "$standby" wait_primary primary \
      && [ "$(sql "$standby" postgres -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ]; then
      note "promote: the node on port $standby is the primary"
      return 0
    fi
    sleep 0.1
  done
  fail "the monitor did not promote the node on port $standby within $WAIT s"
}

stop_node() { # directory
  local dir=$1 pid _
  [ -d "$dir/data" ] || return 0
  if [ -s "$dir/pg_autoctl.pid" ] && alive "$(cat "$dir/pg_autoctl.pid")"; then
    pid=$(cat "$dir/pg_autoctl.pid")
    kill -TERM "$pid" 2>/dev/null || true   # pg_autoctl stops postgres (fast) and itself
    for _ in $(seq 1 300); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && { kill -9 "$pid" 2>/dev/null || true; }
  fi
  if [ -s "$dir/data/PG_VERSION" ] && "${AS[@]}" "$BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    "${AS[@]}" "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
}

stop() {
  stop_node "$BASE/node2"
  stop_node "$BASE/node1"
  stop_node "$BASE/monitor"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  kill-primary) kill_primary ;;
  promote) promote ;;
  url) echo "$URL" ;;
  state) autoctl show state --pgdata "$BASE/monitor/data" ;;
  run) shift; available || missing; exec "$@" ;;
  available) available ;;
  *) echo "usage: $0 start|stop|kill-primary|promote|url|state|run CMD…|available" >&2; exit 2 ;;
esac
