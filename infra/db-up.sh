#!/usr/bin/env bash
# Gives the project a PostgreSQL of its own when no connection string is set:
# a cluster in .local/pg (git-ignored), on a fixed local port, run by a non-root user.
# Safe to run twice. Prints the connection string on its last line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${LSI_PG_PORT:-55432}"
DATA="$ROOT/.local/pg/data"
LOG="$ROOT/.local/pg/postgres.log"
DATABASES=("lsi" "lsi_test")

find_bindir() {
  for dir in /usr/lib/postgresql/*/bin; do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; fi
  done | sort -V | tail -n 1
}

BIN="$(find_bindir)"
if [[ -z "$BIN" ]]; then
  echo "PostgreSQL not found; installing it with apt-get." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN="$(find_bindir)"
  [[ -n "$BIN" ]] || { echo "PostgreSQL could not be installed." >&2; exit 1; }
fi

# PostgreSQL refuses to run as root: the cluster belongs to the 'postgres' user when we are root.
RUN_AS=()
if [[ "$(id -u)" == "0" ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  RUN_AS=(runuser -u postgres --)
fi

mkdir -p "$ROOT/.local/pg"
if [[ "$(id -u)" == "0" ]]; then
  chown postgres: "$ROOT/.local/pg"
  # A checkout under a private folder (such as /root) cannot be reached by 'postgres':
  # then the cluster lives in postgres' home, one per checkout, linked from .local/pg.
  if ! runuser -u postgres -- test -w "$ROOT/.local/pg"; then
    ALT="/var/lib/postgresql/lsi-workflow/$(echo -n "$ROOT" | sha1sum | cut -c1-12)"
    mkdir -p "$ALT" && chown -R postgres: "$(dirname "$ALT")"
    rmdir "$ROOT/.local/pg" 2>/dev/null || true
    [[ -L "$ROOT/.local/pg" ]] || ln -s "$ALT" "$ROOT/.local/pg"
    DATA="$ALT/data"; LOG="$ALT/postgres.log"
  fi
fi
SOCKETS="$(dirname "$DATA")"

if [[ ! -f "$DATA/PG_VERSION" ]]; then
  echo "Creating a PostgreSQL cluster in $DATA" >&2
  "${RUN_AS[@]}" "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  # Only loopback: the cluster trusts local connections and must not listen elsewhere.
  cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCKETS'
max_connections = 300
shared_buffers = 256MB
fsync = on
CONF
fi

if ! "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null
fi

PSQL=("${RUN_AS[@]}" "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
if [[ "$("${PSQL[@]}" -c "select 1 from pg_roles where rolname = 'lsi'")" != "1" ]]; then
  "${PSQL[@]}" -c "create role lsi login createdb" >/dev/null
fi
for db in "${DATABASES[@]}"; do
  if [[ "$("${PSQL[@]}" -c "select 1 from pg_database where datname = '$db'")" != "1" ]]; then
    "${PSQL[@]}" -c "create database $db owner lsi" >/dev/null
  fi
done

echo "Host=127.0.0.1;Port=$PORT;Database=lsi;Username=lsi"
