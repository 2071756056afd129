#!/usr/bin/env bash
# Stops the cluster that db-up.sh started; its data stays in .local/pg.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/.local/pg/data"
[[ -f "$DATA/PG_VERSION" ]] || { echo "No local cluster in $DATA."; exit 0; }
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
RUN_AS=()
if [[ "$(id -u)" == "0" ]]; then RUN_AS=(runuser -u postgres --); fi
if "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  echo "Stopped the local PostgreSQL."
else
  echo "The local PostgreSQL was not running."
fi
