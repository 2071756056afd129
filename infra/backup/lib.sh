# Shared by the backup scripts: connection settings and PostgreSQL binaries. Sourced, not run.
#
# Connection, each setting taken from the first of these that has it:
#   --connection "Host=...;Port=...;Database=...;Username=...;Password=$PGPASSWORD"   (Npgsql style, as the host reads it)
#   ConnectionStrings__Lsi                                                   (the host's own setting)
#   PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD or ~/.pgpass, PGSSLMODE  (libpq's variables)
# PG_BIN names the folder of the PostgreSQL programs; default: the newest /usr/lib/postgresql/*/bin.
set -euo pipefail

LSI_BACKUP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LSI_ROOT="$(cd "$LSI_BACKUP_DIR/../.." && pwd)"

lsi_die() { echo "$(basename "$0"): $*" >&2; exit "${LSI_EXIT:-1}"; }
lsi_say() { echo "$(basename "$0"): $*" >&2; }

lsi_trim() { local s="$1"; s="${s#"${s%%[![:space:]]*}"}"; s="${s%"${s##*[![:space:]]}"}"; printf '%s' "$s"; }

# Exports the libpq variables named by an Npgsql-style connection string. Values holding ';' are not
# supported here: set PG* variables (or ~/.pgpass for the password) instead.
lsi_apply_connection() {
  local connection="$1" part key value
  local IFS=';'
  for part in $connection; do
    [[ "$part" == *=* ]] || continue
    key="$(lsi_trim "${part%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
    value="$(lsi_trim "${part#*=}")"
    if [[ "$value" =~ ^\'(.*)\'$ || "$value" =~ ^\"(.*)\"$ ]]; then value="${BASH_REMATCH[1]}"; fi
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      username|userid|user|uid) export PGUSER="$value" ;;
      password|pwd) export PGPASSWORD="$value" ;;
      passfile) export PGPASSFILE="$value" ;;
      sslmode)
        case "$(echo "$value" | tr '[:upper:]' '[:lower:]')" in
          verifyca|verify-ca) export PGSSLMODE=verify-ca ;;
          verifyfull|verify-full) export PGSSLMODE=verify-full ;;
          *) PGSSLMODE="$(echo "$value" | tr '[:upper:]' '[:lower:]')"; export PGSSLMODE ;;
        esac ;;
      sslcertificate) export PGSSLCERT="$value" ;;
      sslkey) export PGSSLKEY="$value" ;;
      rootcertificate) export PGSSLROOTCERT="$value" ;;
    esac
  done
}

# lsi_connect [--connection CS]: applies ConnectionStrings__Lsi, then the explicit connection string.
lsi_connect() {
  if [[ -n "${ConnectionStrings__Lsi:-}" ]]; then lsi_apply_connection "$ConnectionStrings__Lsi"; fi
  if [[ -n "${1:-}" ]]; then lsi_apply_connection "$1"; fi
  export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-10}"
}

# The connection string a host (or its migrate command) needs for database $1: the host's own string with
# the database replaced when there is one, else one made from the libpq variables.
lsi_connection_for() {
  local database="$1" base="${ConnectionStrings__Lsi:-}" part key out=""
  if [[ -n "${LSI_CONNECTION_ARG:-}" ]]; then base="$LSI_CONNECTION_ARG"; fi
  if [[ -n "$base" ]]; then
    local IFS=';'
    for part in $base; do
      key="$(lsi_trim "${part%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
      [[ -z "$(lsi_trim "$part")" || "$key" == "database" || "$key" == "db" ]] && continue
      out+="$part;"
    done
    printf '%sDatabase=%s' "$out" "$database"
    return
  fi
  out="Host=${PGHOST:-127.0.0.1};Port=${PGPORT:-5432};Database=$database;Username=${PGUSER:-$(id -un)}"
  if [[ -n "${PGPASSWORD-}" ]]; then out+=";Password=${PGPASSWORD}"; fi
  [[ -n "${PGSSLMODE:-}" ]] && out+=";SSL Mode=$PGSSLMODE"
  printf '%s' "$out"
}

# The folder of the PostgreSQL programs (server and client of one version).
lsi_pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local dir found
  found="$(for dir in /usr/lib/postgresql/*/bin; do [[ -x "$dir/pg_ctl" ]] && echo "$dir"; done | sort -V | tail -n 1)"
  if [[ -n "$found" ]]; then echo "$found"; return; fi
  # Client programs on the PATH will do for dumps and restores.
  dirname "$(command -v pg_dump 2>/dev/null || echo /usr/bin/pg_dump)"
}

# PostgreSQL's server programs refuse to run as root; as root they run as the postgres user.
lsi_as_postgres() {
  if [[ "$(id -u)" == "0" ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# psql with our settings: no .psqlrc, stop at the first error, quiet, unaligned. The scripts that run on the
# database server set LSI_PSQL_AS_SERVER_USER=1: as root, psql then runs as postgres too, so a socket
# connection as postgres passes peer authentication. Files go in on stdin, which root opens.
lsi_psql() {
  if [[ "${LSI_PSQL_AS_SERVER_USER:-0}" == "1" ]]; then
    lsi_as_postgres "$LSI_PG_BIN/psql" -X -v ON_ERROR_STOP=1 -q -At "$@"
  else
    "$LSI_PG_BIN/psql" -X -v ON_ERROR_STOP=1 -q -At "$@"
  fi
}

LSI_PG_BIN="$(lsi_pg_bin)"
