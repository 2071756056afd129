#!/usr/bin/env bash
# Restores a dump of backup.sh into a new database, prepares it for the hosts (after-restore.sql) and,
# when the dump is older than the code, runs the host's migrate command on it.
#
# Usage: infra/backup/restore.sh DUMP [--database NAME] [--connection CS] [--replace]
#                                     [--host-dll PATH | --no-migrate] [--jobs N] [--no-privileges]
#   DUMP             a file written by backup.sh
#   --database NAME  the database to restore into (default: the database of the connection settings);
#                    made when missing; an existing one must be empty
#   --connection CS  Npgsql-style connection string; default ConnectionStrings__Lsi, then PG* variables.
#                    Its user owns everything restored, so use the user the hosts connect as.
#   --replace        drop and make again a database that is not empty (refused while anyone is connected)
#   --host-dll PATH  run migrations with "dotnet PATH migrate" (a published host); default in a checkout:
#                    "dotnet run --project src/LsiWorkflow.Host -- migrate"
#   --no-migrate     leave migrations to someone else
#   --jobs N         restore with N parallel jobs (then not in one transaction)
#   --no-privileges  skip the GRANTs of the dump (when its roles do not exist here)
# Exit codes: 0 restored, 1 failed, 4 the target database is not empty (nothing changed).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DUMP=""
DATABASE=""
CONNECTION=""
REPLACE=0
HOST_DLL=""
MIGRATE=1
JOBS=1
PRIVILEGES=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --database) DATABASE="$2"; shift 2 ;;
    --connection) CONNECTION="$2"; shift 2 ;;
    --replace) REPLACE=1; shift ;;
    --host-dll) HOST_DLL="$2"; shift 2 ;;
    --no-migrate) MIGRATE=0; shift ;;
    --jobs) JOBS="$2"; shift 2 ;;
    --no-privileges) PRIVILEGES=(--no-privileges); shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) lsi_die "unknown argument '$1' (see --help)" ;;
    *) [[ -z "$DUMP" ]] || lsi_die "one dump at a time"; DUMP="$1"; shift ;;
  esac
done
[[ -n "$DUMP" ]] || lsi_die "name the dump to restore (see --help)"
[[ -r "$DUMP" ]] || lsi_die "cannot read $DUMP"
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || lsi_die "--jobs takes a number"
LSI_CONNECTION_ARG="$CONNECTION"
lsi_connect "$CONNECTION"
DATABASE="${DATABASE:-${PGDATABASE:-}}"
[[ -n "$DATABASE" ]] || lsi_die "name the database to restore into (--database, or the connection settings)"
[[ "$DATABASE" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || lsi_die "database name '$DATABASE': use letters, digits and _ only"
MAINTENANCE="${LSI_MAINTENANCE_DB:-postgres}"

LIST="$("$LSI_PG_BIN/pg_restore" --list "$DUMP")" || lsi_die "$DUMP is not a dump pg_restore can read"
grep -q "SCHEMA - lsi" <<<"$LIST" || lsi_die "$DUMP holds no schema lsi: not a backup of the host's database"
DUMPED_AT="$(sed -n 's/^;[[:space:]]*Archive created at //p' <<<"$LIST" | head -n 1)"

# The target: new, or empty, or (with --replace) dropped and made again. Never restored over data.
EXISTS="$(lsi_psql -d "$MAINTENANCE" -c "select count(*) from pg_database where datname = '$DATABASE'")" \
  || lsi_die "cannot reach the server (database '$MAINTENANCE') with these settings"
if [[ "$EXISTS" == "1" ]]; then
  OBJECTS="$(lsi_psql -d "$DATABASE" -c "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'")"
  if [[ "$OBJECTS" != "0" ]]; then
    if [[ "$REPLACE" != "1" ]]; then
      LSI_EXIT=4 lsi_die "database '$DATABASE' is not empty ($OBJECTS tables, indexes and sequences); restore into a new one (--database NAME) or give --replace to drop it"
    fi
    lsi_say "dropping database '$DATABASE' (--replace)"
    lsi_psql -d "$MAINTENANCE" -c "drop database \"$DATABASE\"" \
      || lsi_die "could not drop '$DATABASE' (still in use? stop its hosts first)"
    EXISTS=0
  fi
fi
if [[ "$EXISTS" != "1" ]]; then
  # template0: the dump brings everything, template1 might bring objects of its own that clash.
  lsi_psql -d "$MAINTENANCE" -c "create database \"$DATABASE\" template template0 encoding 'UTF8'" \
    || lsi_die "could not create database '$DATABASE' (does this user have CREATEDB?)"
fi

start=$SECONDS
lsi_say "restoring $DUMP (made ${DUMPED_AT:-at an unknown time}) into '$DATABASE'"
ONE_TRANSACTION=(--single-transaction)
[[ "$JOBS" -gt 1 ]] && ONE_TRANSACTION=(--jobs="$JOBS")
# --no-owner: everything belongs to the user restoring, who should be the one the hosts use.
# In one transaction a failed restore leaves the database empty rather than half filled.
"$LSI_PG_BIN/pg_restore" --dbname="$DATABASE" --no-owner "${PRIVILEGES[@]}" --exit-on-error "${ONE_TRANSACTION[@]}" "$DUMP" \
  || lsi_die "pg_restore failed; '$DATABASE' is $([[ "$JOBS" -gt 1 ]] && echo "partly filled: drop it" || echo "left empty")"
lsi_say "restored in $((SECONDS - start)) s"

# Migrations: those of the code that the restored database has not had.
RESTORED="$(lsi_psql -d "$DATABASE" -c 'select migration_id from lsi.__ef_migrations_history' | LC_ALL=C sort)"
if [[ -d "$LSI_ROOT/migrations" ]]; then
  CODE="$(find "$LSI_ROOT/migrations" -maxdepth 1 -name '[0-9]*_*.cs' ! -name '*.Designer.cs' -printf '%f\n' | sed 's/\.cs$//' | LC_ALL=C sort)"
  MISSING="$(LC_ALL=C comm -13 <(echo "$RESTORED") <(echo "$CODE") | grep -c . || true)"
  UNKNOWN="$(LC_ALL=C comm -23 <(echo "$RESTORED") <(echo "$CODE") | grep -v '^$' || true)"
  if [[ -n "$UNKNOWN" ]]; then
    lsi_say "WARNING: the dump has migrations this code does not know ($(echo "$UNKNOWN" | tr '\n' ' ')):"
    lsi_say "         it was made by a newer version; run that version of the host on it, not this one."
  fi
else
  # A deployment without the source: let the host decide, migrate applies only what is missing.
  MISSING="unknown"
fi
if [[ "$MISSING" == "0" ]]; then
  lsi_say "migrations: the dump is as new as the code ($(echo "$RESTORED" | tail -n 1))"
elif [[ "$MIGRATE" != "1" ]]; then
  lsi_say "migrations: $MISSING missing; run the host's migrate command before the hosts start (--no-migrate)"
else
  TARGET="$(lsi_connection_for "$DATABASE")"
  lsi_say "migrations: $MISSING missing; running the host's migrate command"
  if [[ -n "$HOST_DLL" ]]; then
    MIGRATE_COMMAND=(dotnet "$HOST_DLL" migrate)
  elif [[ -d "$LSI_ROOT/src/LsiWorkflow.Host" ]]; then
    MIGRATE_COMMAND=(dotnet run --project "$LSI_ROOT/src/LsiWorkflow.Host" -c Release --no-launch-profile -- migrate)
  else
    lsi_die "no host to migrate with: give --host-dll PATH/LsiWorkflow.Host.dll"
  fi
  # Its log goes to stderr: the last line of this script's output is the database name.
  env ConnectionStrings__Lsi="$TARGET" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" \
    Logging__LogLevel__Default=Warning "Logging__LogLevel__LsiWorkflow.Startup=Information" "${MIGRATE_COMMAND[@]}" >&2 \
    || lsi_die "the migrate command failed; '$DATABASE' holds the restored data without the newer migrations"
fi

# Before any host starts: clear what the hosts that made the backup left behind (see after-restore.sql).
CLEARED="$(lsi_psql -d "$DATABASE" <"$LSI_BACKUP_DIR/after-restore.sql" 2>&1)" \
  || lsi_die "after-restore.sql failed on '$DATABASE': $CLEARED"
sed -E 's/^(psql:[^ ]* )?NOTICE:  /after-restore: /' <<<"$CLEARED" >&2

SUMMARY="$(lsi_psql -d "$DATABASE" -F ' ' -c "select
  (select count(*) from lsi.workflow_instances),
  (select count(*) from lsi.workflow_instances where status not in ('Finished', 'Cancelled')),
  (select count(*) from lsi.workflow_timers where status = 'Pending'),
  (select count(*) from lsi.workflow_outbox where dispatched_at is null)")"
read -r INSTANCES RUNNING PENDING UNSENT <<<"$SUMMARY"
lsi_say "'$DATABASE': $INSTANCES instances ($RUNNING not finished), $PENDING pending timers, $UNSENT outbox messages to send;"
lsi_say "start the hosts with ConnectionStrings__Lsi pointing at it; the sweep (every minute) fires what fell due meanwhile"
echo "$DATABASE"
