#!/usr/bin/env bash
# Database restart during load: a throw-away PostgreSQL cluster of its own (so nobody else's database stops),
# one host on it, requests from several clients; the cluster is stopped for a few seconds and started again.
# Judges the 503s while it is down, the time the host needs to serve again (recovery_s), and that nothing
# confirmed is lost. Usage: infra/faults/db-restart.sh [--down 4] [--clients 8] [--restarts 1]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export FAULTS_PORT="${FAULTS_PORT:-5284}"
PGPORT_OWN="${FAULTS_PG_PORT:-55499}"
BIN="$(for d in /usr/lib/postgresql/*/bin; do [[ -x "$d/initdb" ]] && echo "$d"; done | sort -V | tail -n 1)"
[[ -n "$BIN" ]] || { echo "PostgreSQL not found (run infra/db-up.sh once)" >&2; exit 1; }
RUN_AS=()
[[ "$(id -u)" == "0" ]] && RUN_AS=(runuser -u postgres --)

CLUSTER="$(mktemp -d /tmp/lsi-faults-pg.XXXXXX)"
[[ "$(id -u)" == "0" ]] && chown postgres: "$CLUSTER"
PG_CTL="${RUN_AS[*]} $BIN/pg_ctl -D $CLUSTER/data -l $CLUSTER/postgres.log"
cleanup() { $PG_CTL -m immediate stop >/dev/null 2>&1 || true; rm -rf "$CLUSTER"; }
trap cleanup EXIT

"${RUN_AS[@]}" "$BIN/initdb" -D "$CLUSTER/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
cat >>"$CLUSTER/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT_OWN
unix_socket_directories = '$CLUSTER'
max_connections = 200
CONF
$PG_CTL -w start >/dev/null
"${RUN_AS[@]}" "$BIN/psql" -h 127.0.0.1 -p "$PGPORT_OWN" -U postgres -qtA -c "create role lsi login createdb" >/dev/null

export FAULTS_PG="Host=127.0.0.1;Port=$PGPORT_OWN;Username=lsi"
export FAULTS_DB_STOP="$PG_CTL -m fast -w stop"
export FAULTS_DB_START="$PG_CTL -w start"
build_faults
run_faults db-restart lsi_faults_restart "$@"
