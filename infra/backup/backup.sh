#!/usr/bin/env bash
# A backup of the host's whole database: schema lsi (the product) and schema hangfire (its scheduler) in one
# pg_dump, so both come from one snapshot: a timer and its wake-up, a task and its journal line, an outbox
# message and its "dispatched" mark are either both in the backup or both not. The dump is written under a
# temporary name, read back completely (pg_restore), and only then given its final name.
#
# Usage: infra/backup/backup.sh [--dir DIR] [--connection "Host=...;Database=lsi;Username=..."] [--keep N]
#   --dir DIR      where the dump goes (default: $LSI_BACKUP_TARGET or ./backups); made when missing
#   --connection   Npgsql-style connection string; default ConnectionStrings__Lsi, then PG* variables
#   --keep N       afterwards, keep only the N newest dumps of this database in DIR
# Prints the path of the dump on its last line. Exit code non-zero when anything failed; no partial
# file is left behind.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="${LSI_BACKUP_TARGET:-./backups}"
CONNECTION=""
KEEP=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --connection) CONNECTION="$2"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) lsi_die "unknown argument '$1' (see --help)" ;;
  esac
done
lsi_connect "$CONNECTION"
[[ -n "${PGDATABASE:-}" ]] || lsi_die "no database named: set ConnectionStrings__Lsi, --connection or PGDATABASE"
[[ -z "$KEEP" || "$KEEP" =~ ^[1-9][0-9]*$ ]] || lsi_die "--keep takes a number of dumps (1 or more)"

# A dump holds personal data and password hashes: readable by its owner only.
umask 077
mkdir -p "$DIR"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
FILE="$DIR/lsi-$PGDATABASE-$STAMP.dump"
PARTIAL="$FILE.partial"
trap 'rm -f "$PARTIAL"' EXIT

# Both schemas must be there: a dump without the scheduler's state would restore timers without their jobs.
SCHEMAS="$(lsi_psql -c "select string_agg(nspname, ',' order by nspname) from pg_namespace where nspname in ('lsi', 'hangfire')")" \
  || lsi_die "cannot reach database '$PGDATABASE' on ${PGHOST:-the local socket}:${PGPORT:-5432}"
[[ "$SCHEMAS" == *lsi* ]] || lsi_die "database '$PGDATABASE' has no schema lsi: is this the host's database?"
[[ "$SCHEMAS" == *hangfire* ]] || lsi_say "warning: database '$PGDATABASE' has no schema hangfire (has a host ever started on it?)"

start=$SECONDS
# One transaction, one snapshot, for the whole database (every schema, including any a later version adds).
# --lock-wait-timeout: a dump that cannot get its share locks (a migration holds the tables) gives up
# instead of queueing every query of the hosts behind it.
"$LSI_PG_BIN/pg_dump" --format=custom --file="$PARTIAL" --no-password --lock-wait-timeout=60s \
  || lsi_die "pg_dump failed; nothing written"

# Read it back: the table of contents must list both schemas and the product's tables, and every data
# block must decompress (pg_restore to /dev/null reads the whole archive).
LIST="$("$LSI_PG_BIN/pg_restore" --list "$PARTIAL")" || lsi_die "pg_restore --list cannot read the dump"
for needed in "SCHEMA - lsi" "TABLE DATA lsi workflow_instances" "TABLE DATA lsi __ef_migrations_history"; do
  grep -q "$needed" <<<"$LIST" || lsi_die "the dump lacks '$needed'"
done
if [[ "$SCHEMAS" == *hangfire* ]]; then
  grep -q "SCHEMA - hangfire" <<<"$LIST" || lsi_die "the dump lacks schema hangfire"
fi
"$LSI_PG_BIN/pg_restore" --file=/dev/null "$PARTIAL" || lsi_die "the dump cannot be read back completely"

mv "$PARTIAL" "$FILE"
trap - EXIT
TABLES="$(grep -c " TABLE DATA " <<<"$LIST" || true)"
lsi_say "database '$PGDATABASE': $TABLES tables, $(du -h "$FILE" | cut -f1) in $((SECONDS - start)) s, checked"

if [[ -n "$KEEP" ]]; then
  # Names sort by time (the stamp is UTC, fixed width); only this database's finished dumps are counted.
  mapfile -t OLD < <(ls -1 "$DIR"/lsi-"$PGDATABASE"-[0-9]*T[0-9]*Z.dump 2>/dev/null | sort | head -n "-$KEEP")
  for old in "${OLD[@]}"; do
    rm -f "$old" && lsi_say "removed older dump $old"
  done
fi
echo "$FILE"
