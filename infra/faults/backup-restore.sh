#!/usr/bin/env bash
# Backup and restore under load, on a throw-away PostgreSQL cluster of its own (port 55497) with WAL
# archiving set up by infra/backup/pitr-setup.sh: one host runs workflows with timers of seconds; a dump is
# taken meanwhile (infra/backup/backup.sh); the host is killed; the dump is restored into a new database
# (infra/backup/restore.sh) and a host started on it must go on: every decision confirmed before the backup
# there, timers that fell due fire, reminders sent before are not sent again, every instance finishes. Then
# point-in-time recovery (infra/backup/pitr-restore.sh) into a new data directory (port 55496) to a moment
# between two known decisions. Nobody else's cluster is touched.
# Usage: infra/faults/backup-restore.sh            short form, about two minutes (CI)
#        infra/faults/backup-restore.sh --long     long form: --workflows 400 --clients 12 --load 90 --span 240
#        infra/faults/backup-restore.sh [--workflows 40] [--clients 4] [--load 20] [--after 5] [--span 100] [--pitr 1] [--pitr-host 1]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export FAULTS_PORT="${FAULTS_PORT:-5286}"
PGPORT_OWN="${FAULTS_PG_PORT:-55497}"
PITR_PORT="${FAULTS_PITR_PORT:-55496}"
if [[ "${1:-}" == "--long" ]]; then
  shift
  set -- --workflows 400 --clients 12 --load 90 --span 240 "$@"
fi
BIN="$(for d in /usr/lib/postgresql/*/bin; do [[ -x "$d/initdb" ]] && echo "$d"; done | sort -V | tail -n 1)"
[[ -n "$BIN" ]] || { echo "PostgreSQL not found (run infra/db-up.sh once)" >&2; exit 1; }
RUN_AS=()
[[ "$(id -u)" == "0" ]] && RUN_AS=(runuser -u postgres --)

CLUSTER="$(mktemp -d /tmp/lsi-faults-backup.XXXXXX)"
[[ "$(id -u)" == "0" ]] && chown postgres: "$CLUSTER"
PG_CTL="${RUN_AS[*]} $BIN/pg_ctl -D $CLUSTER/data -l $CLUSTER/postgres.log"
cleanup() {
  [[ -f "$CLUSTER/pitr/postmaster.pid" ]] && "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$CLUSTER/pitr" -m immediate stop >/dev/null 2>&1
  $PG_CTL -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$CLUSTER"
}
trap cleanup EXIT

"${RUN_AS[@]}" "$BIN/initdb" -D "$CLUSTER/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
cat >>"$CLUSTER/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT_OWN
unix_socket_directories = '$CLUSTER'
max_connections = 300
CONF
$PG_CTL -w start >/dev/null
"${RUN_AS[@]}" "$BIN/psql" -h 127.0.0.1 -p "$PGPORT_OWN" -U postgres -qtA -c "create role lsi login createdb" >/dev/null

# Archiving as the operators set it up (a restart included), and the base backup point-in-time recovery starts from.
BASE="$(PG_BIN="$BIN" infra/backup/pitr-setup.sh --connection "Host=127.0.0.1;Port=$PGPORT_OWN;Username=postgres" \
  --archive "$CLUSTER/archive" --base-dir "$CLUSTER/base" --restart-command "$PG_CTL -m fast -w restart" | tail -n 1)"

export FAULTS_PG="Host=127.0.0.1;Port=$PGPORT_OWN;Username=lsi"
export FAULTS_PG_ADMIN="Host=127.0.0.1;Port=$PGPORT_OWN;Username=postgres;Database=postgres"
export FAULTS_BACKUP_SCRIPTS="$ROOT/infra/backup"
export FAULTS_PITR_BASE="$BASE" FAULTS_PITR_ARCHIVE="$CLUSTER/archive" FAULTS_PITR_DATA="$CLUSTER/pitr" FAULTS_PITR_PORT="$PITR_PORT"
export PG_BIN="$BIN"
build_faults
run_faults backup lsi_faults_backup "$@"
