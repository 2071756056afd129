#!/usr/bin/env bash
# Point-in-time recovery, part 2: a base backup of pitr-setup.sh is copied into a NEW data directory and
# started on another port, replaying the archived WAL up to a moment. The cluster it came from is not
# touched. What comes back is the whole cluster (every database on it) as it was at that moment: every
# transaction committed before it, none after.
#
# Usage: infra/backup/pitr-restore.sh --base DIR --archive DIR --target-time TIME --data-dir NEWDIR --port PORT
#                                     [--action promote|pause] [--config-from DIR] [--database NAME] [--connection CS]
#   --base DIR          a base backup folder of pitr-setup.sh (the newest one that ended before TIME)
#   --archive DIR       the WAL archive of pitr-setup.sh
#   --target-time TIME  e.g. '2026-11-30 14:05:00+01'; give the offset, the server's time zone is a guess
#   --data-dir NEWDIR   the new data directory; must not exist or be empty
#   --port PORT         port of the recovered cluster (not one in use)
#   --action            promote (default): recover, then open for writing on a timeline of its own;
#                       pause: stop at TIME read-only, to look before promoting (select pg_wal_replay_resume())
#   --config-from DIR   where postgresql.conf and pg_hba.conf are when they are not in the data directory
#                       (Debian: /etc/postgresql/15/main); they are copied without their paths to the original
#   --database NAME     after promotion, prepare this database for the hosts (after-restore.sql)
#   --connection CS     Npgsql-style connection for that (its port is replaced); default PG* variables
# Run on a machine with the archive, as root or as the user PostgreSQL runs as. Prints the port on its last line.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LSI_PSQL_AS_SERVER_USER=1

BASE=""
ARCHIVE=""
TARGET_TIME=""
DATA=""
PORT=""
ACTION="promote"
CONFIG_FROM=""
DATABASE=""
CONNECTION=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --base) BASE="$2"; shift 2 ;;
    --archive) ARCHIVE="$2"; shift 2 ;;
    --target-time) TARGET_TIME="$2"; shift 2 ;;
    --data-dir) DATA="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --action) ACTION="$2"; shift 2 ;;
    --config-from) CONFIG_FROM="$2"; shift 2 ;;
    --database) DATABASE="$2"; shift 2 ;;
    --connection) CONNECTION="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) lsi_die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ -f "$BASE/PG_VERSION" && -f "$BASE/backup_label" ]] || lsi_die "--base: $BASE is not a base backup (no PG_VERSION and backup_label)"
[[ "$ARCHIVE" =~ ^/[A-Za-z0-9_./-]+$ && -d "$ARCHIVE" ]] || lsi_die "--archive: an existing folder, absolute path of letters, digits, _ . / -"
[[ -n "$TARGET_TIME" ]] || lsi_die "--target-time: the moment to recover to"
date -d "$TARGET_TIME" >/dev/null 2>&1 || lsi_die "--target-time: '$TARGET_TIME' is not a moment"
[[ "$TARGET_TIME" =~ [+-][0-9]{2}(:?[0-9]{2})?$|Z$|UTC$ ]] || lsi_say "warning: '$TARGET_TIME' has no UTC offset; the recovered server's time zone decides what it means"
[[ "$PORT" =~ ^[0-9]+$ ]] || lsi_die "--port: a number"
[[ "$ACTION" == "promote" || "$ACTION" == "pause" ]] || lsi_die "--action: promote or pause"
[[ -n "$DATA" ]] || lsi_die "--data-dir: the new data directory"
DATA="$(realpath -m "$DATA")"
if [[ -e "$DATA" && -n "$(ls -A "$DATA" 2>/dev/null)" ]]; then lsi_die "--data-dir: $DATA is not empty; recovery never writes over a data directory"; fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then lsi_die "--port: something listens on $PORT already"; fi

VERSION="$(cat "$BASE/PG_VERSION")"
[[ -x "/usr/lib/postgresql/$VERSION/bin/pg_ctl" && -z "${PG_BIN:-}" ]] && LSI_PG_BIN="/usr/lib/postgresql/$VERSION/bin"
[[ "$("$LSI_PG_BIN/pg_ctl" --version)" == *" $VERSION."* ]] || lsi_die "the base backup is of PostgreSQL $VERSION; $LSI_PG_BIN has $("$LSI_PG_BIN/pg_ctl" --version)"

mkdir -p "$DATA"
if [[ "$(id -u)" == "0" ]]; then chown postgres: "$DATA"; fi
chmod 700 "$DATA"
lsi_as_postgres cp -a "$BASE/." "$DATA/" || lsi_die "copying $BASE to $DATA failed (can the postgres user read both?)"

if [[ ! -f "$DATA/postgresql.conf" ]]; then
  [[ -n "$CONFIG_FROM" && -f "$CONFIG_FROM/postgresql.conf" ]] \
    || lsi_die "the base backup holds no postgresql.conf: give --config-from with the folder of the original's"
  for file in postgresql.conf pg_hba.conf pg_ident.conf; do
    [[ -f "$CONFIG_FROM/$file" ]] && lsi_as_postgres cp "$CONFIG_FROM/$file" "$DATA/$file"
  done
  # Paths in the original's file point at the original: its data directory above all. Out with them.
  lsi_as_postgres sed -i -E 's/^[[:space:]]*(data_directory|hba_file|ident_file|external_pid_file|include_dir|include_if_exists|include)\b/# (pitr-restore) &/' "$DATA/postgresql.conf"
fi

RESTORE_COMMAND="cp '$ARCHIVE/%f' '%p'"
lsi_as_postgres tee -a "$DATA/postgresql.auto.conf" >/dev/null <<CONF
# Point-in-time recovery by pitr-restore.sh, $(date -u '+%Y-%m-%d %H:%M:%S UTC'), from $BASE
port = $PORT
# A recovered copy must not write into the archive of the cluster it came from: its own WAL, on a timeline
# of its own, would mix with the original's there. Archive it elsewhere if it becomes the new production.
archive_mode = 'off'
restore_command = '${RESTORE_COMMAND//\'/\'\'}'
recovery_target_time = '$TARGET_TIME'
recovery_target_action = '$ACTION'
cluster_name = 'lsi-pitr-$PORT'
CONF
lsi_as_postgres touch "$DATA/recovery.signal"
lsi_as_postgres rm -f "$DATA/postmaster.pid" "$DATA/postmaster.opts"

LOG="$DATA.log"
touch "$LOG"
if [[ "$(id -u)" == "0" ]]; then chown postgres: "$LOG"; fi
start=$SECONDS
lsi_say "recovering to $TARGET_TIME on port $PORT (log: $LOG)"
lsi_as_postgres "$LSI_PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 3600 start >/dev/null \
  || { tail -n 20 "$LOG" >&2; lsi_die "the recovered cluster did not start"; }

# The server accepts read-only connections once consistent; recovery goes on until the target.
while true; do
  if ! lsi_as_postgres "$LSI_PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    tail -n 20 "$LOG" >&2
    lsi_die "the recovered cluster stopped (see above: a target after the last archived change, or before the base backup ended?); remove $DATA before trying again"
  fi
  STATE="$(lsi_as_postgres "$LSI_PG_BIN/pg_controldata" "$DATA" | sed -n 's/^Database cluster state:[[:space:]]*//p')"
  [[ "$ACTION" == "promote" && "$STATE" == "in production" ]] && break
  [[ "$ACTION" == "pause" ]] && grep -q "pausing at the end of recovery" "$LOG" && break
  sleep 1
  (( (SECONDS - start) % 30 == 0 )) && lsi_say "still recovering ($((SECONDS - start)) s)"
done
grep -E "recovery stopping|last completed transaction|selected new timeline|pausing at the end" "$LOG" | sed 's/^/  /' >&2 || true
lsi_say "recovered in $((SECONDS - start)) s; stop it with: pg_ctl -D $DATA stop"

if [[ -n "$DATABASE" ]]; then
  if [[ "$ACTION" == "pause" ]]; then
    lsi_say "paused: after select pg_wal_replay_resume(), run after-restore.sql on $DATABASE before a host starts on it"
  else
    if [[ -n "$CONNECTION" ]]; then lsi_apply_connection "$CONNECTION"; fi
    export PGPORT="$PORT" PGHOST="${PGHOST:-127.0.0.1}"
    CLEARED="$(lsi_psql -d "$DATABASE" <"$LSI_BACKUP_DIR/after-restore.sql" 2>&1)" \
      || lsi_die "after-restore.sql failed on '$DATABASE': $CLEARED"
    sed -E 's/^(psql:[^ ]* )?NOTICE:  /after-restore: /' <<<"$CLEARED" >&2
  fi
fi
echo "$PORT"
