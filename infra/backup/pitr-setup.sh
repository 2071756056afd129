#!/usr/bin/env bash
# Point-in-time recovery, part 1: the cluster copies every finished WAL segment to an archive folder, and a
# base backup is taken. With both, pitr-restore.sh can bring back the cluster as it was at any moment
# after the base backup ended, to within one transaction.
#
# Usage: infra/backup/pitr-setup.sh --archive DIR --base-dir DIR [--connection CS] [--restart-command CMD]
#                                   [--archive-timeout 60s] [--no-base-backup]
#   --archive DIR          where the cluster copies its WAL (on the database server; made when missing)
#   --base-dir DIR         where base backups go, one folder each: base-<UTC stamp>
#   --connection CS        Npgsql-style connection string of a SUPERUSER (ALTER SYSTEM, pg_switch_wal) allowed
#                          replication connections (pg_basebackup); default PG* variables, database postgres
#   --restart-command CMD  how to restart the cluster when archive_mode or wal_level changed (they need a
#                          restart), e.g. "systemctl restart postgresql@15-main"; without it the script stops
#                          and asks for the restart (exit code 3); run it again afterwards
#   --archive-timeout T    switch to a new WAL segment at least this often, so an idle cluster's last
#                          changes reach the archive too (default 60s: at most a minute of work at risk)
#   --no-base-backup       configure and check archiving only
# Run on the database server, as root or as the user the cluster runs as (as root, PostgreSQL's programs
# run as the postgres user). Take a new base backup regularly (say weekly): recovery replays all WAL since.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LSI_PSQL_AS_SERVER_USER=1

ARCHIVE=""
BASE_DIR=""
CONNECTION=""
RESTART=""
ARCHIVE_TIMEOUT="60s"
BASE_BACKUP=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --archive) ARCHIVE="$2"; shift 2 ;;
    --base-dir) BASE_DIR="$2"; shift 2 ;;
    --connection) CONNECTION="$2"; shift 2 ;;
    --restart-command) RESTART="$2"; shift 2 ;;
    --archive-timeout) ARCHIVE_TIMEOUT="$2"; shift 2 ;;
    --no-base-backup) BASE_BACKUP=0; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) lsi_die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ -n "$ARCHIVE" ]] || lsi_die "name the archive folder (--archive DIR)"
[[ "$BASE_BACKUP" == "0" || -n "$BASE_DIR" ]] || lsi_die "name the folder for base backups (--base-dir DIR)"
# The folder goes into archive_command between quotes: keep it plain.
[[ "$ARCHIVE" =~ ^/[A-Za-z0-9_./-]+$ ]] || lsi_die "--archive must be an absolute path of letters, digits, _ . / -"
[[ "$ARCHIVE_TIMEOUT" =~ ^[0-9]+(s|min)?$ ]] || lsi_die "--archive-timeout: a number of seconds, like 60s or 1min"
export PGDATABASE="${PGDATABASE:-postgres}"
if [[ -n "$CONNECTION" ]]; then lsi_apply_connection "$CONNECTION"; fi

IS_SUPER="$(lsi_psql -c "select rolsuper from pg_roles where rolname = current_user")" \
  || lsi_die "cannot reach the cluster with these settings"
[[ "$IS_SUPER" == "t" ]] || lsi_die "connect as a superuser (ALTER SYSTEM and pg_switch_wal need one)"
DATA_DIR="$(lsi_psql -c "show data_directory")"
[[ -d "$DATA_DIR" ]] || lsi_die "the cluster's data directory $DATA_DIR is not on this machine: run this on the database server"
SERVER_USER="$(stat -c %U "$DATA_DIR")"

mkdir -p "$ARCHIVE"
if [[ "$(id -u)" == "0" ]]; then chown "$SERVER_USER": "$ARCHIVE"; chmod 700 "$ARCHIVE"; fi
lsi_as_postgres test -w "$ARCHIVE" || lsi_die "$ARCHIVE is not writable by the cluster's user $SERVER_USER"

# Copy under a temporary name and rename: the archive never holds half a segment under the real name.
# A segment archived again (after a crash the server may repeat one) succeeds when it is the same file and
# fails when it differs, so nothing archived is ever overwritten.
COMMAND="f='$ARCHIVE/%f'; if [ -f \"\$f\" ]; then cmp -s '%p' \"\$f\"; else cp '%p' \"\$f.part\" && sync \"\$f.part\" && mv \"\$f.part\" \"\$f\"; fi"
WAL_LEVEL="$(lsi_psql -c "show wal_level")"
# ALTER SYSTEM writes postgresql.auto.conf, which wins over postgresql.conf; a quote in the command is doubled for SQL.
{
  [[ "$WAL_LEVEL" == "minimal" ]] && echo "alter system set wal_level = 'replica';"
  echo "alter system set archive_mode = 'on';"
  echo "alter system set archive_command = '${COMMAND//\'/\'\'}';"
  echo "alter system set archive_timeout = '$ARCHIVE_TIMEOUT';"
  echo "select pg_reload_conf();"
} | lsi_psql >/dev/null
sleep 1
PENDING="$(lsi_psql -c "select string_agg(name, ', ') from pg_settings where pending_restart")"
if [[ -n "$PENDING" ]]; then
  if [[ -z "$RESTART" ]]; then
    LSI_EXIT=3 lsi_die "$PENDING changed and take effect at a restart: restart the cluster (or give --restart-command), then run this again"
  fi
  lsi_say "restarting the cluster for $PENDING"
  bash -c "$RESTART" >&2 || lsi_die "the restart command failed: $RESTART"
  for _ in $(seq 1 60); do lsi_psql -c "select 1" >/dev/null 2>&1 && break; sleep 1; done
fi
[[ "$(lsi_psql -c "show archive_mode")" == "on" ]] || lsi_die "archive_mode is still off after the restart"

# Does a segment reach the archive? A restore point writes to the WAL, so there is always a segment to switch.
SEGMENT="$(lsi_psql -c "select pg_create_restore_point('lsi-pitr-setup')" -c "select pg_walfile_name(pg_switch_wal())" | tail -n 1)"
for _ in $(seq 1 60); do
  [[ -f "$ARCHIVE/$SEGMENT" ]] && break
  sleep 1
done
if [[ ! -f "$ARCHIVE/$SEGMENT" ]]; then
  lsi_die "segment $SEGMENT did not reach $ARCHIVE within a minute; pg_stat_archiver says: $(lsi_psql -c "select 'failed ' || failed_count || ' time(s), last ' || coalesce(last_failed_wal, '-') from pg_stat_archiver") (the server log has the reason)"
fi
lsi_say "archiving works: $SEGMENT is in $ARCHIVE"

if [[ "$BASE_BACKUP" == "1" ]]; then
  mkdir -p "$BASE_DIR"
  if [[ "$(id -u)" == "0" ]]; then chown "$SERVER_USER": "$BASE_DIR"; chmod 700 "$BASE_DIR"; fi
  STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
  TARGET="$BASE_DIR/base-$STAMP"
  start=$SECONDS
  # Plain format with the WAL it needs (stream), so the copy can be checked (pg_verifybackup) and started as it is.
  lsi_as_postgres "$LSI_PG_BIN/pg_basebackup" --pgdata="$TARGET" --format=plain --wal-method=stream \
    --checkpoint=fast --label="lsi $STAMP" --no-password \
    || { rm -rf "$TARGET"; lsi_die "pg_basebackup failed (does this user have REPLICATION, does pg_hba.conf allow it?)"; }
  lsi_as_postgres "$LSI_PG_BIN/pg_verifybackup" --quiet "$TARGET" || lsi_die "pg_verifybackup found $TARGET damaged"
  ENDED="$(lsi_psql -c "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00'")"
  lsi_say "base backup $TARGET ($(du -sh "$TARGET" | cut -f1), $((SECONDS - start)) s), checked; recovery targets from $ENDED on"
  echo "$TARGET"
fi
