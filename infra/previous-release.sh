#!/usr/bin/env bash
# Upgrades without downtime: the previous release's host must keep serving on the database this version migrated.
# Migrates a fresh database with this checkout's host, then starts the host of the newest release tag (v*) on it and
# checks that it answers: ready, sign-in, a register and a workflow list. Without a release tag there is nothing to
# check yet: it says so and counts as skipped. Ends with "N passed, N failed, N skipped".
# Settings: PREVIOUS_PG (default: the local cluster of infra/db-up.sh), PREVIOUS_PORT (default 5390).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG="${PREVIOUS_PG:-Host=127.0.0.1;Port=55432;Username=lsi}"
PORT="${PREVIOUS_PORT:-5390}"

TAG="$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null || true)"
if [[ -z "$TAG" ]]; then
  echo "No release tag (v*) yet: the previous-release check starts with the first release."
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi

WORK="$ROOT/.local/previous-release"
DB="lsi_previous_release"
rm -rf "$WORK" && mkdir -p "$WORK"
fail() { echo "previous release $TAG: $*" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

echo "Building this version and $TAG (Release)..."
git worktree add --detach -f "$WORK/src" "$TAG" >/dev/null 2>&1 || fail "cannot check out $TAG"
trap 'git worktree remove --force "$WORK/src" >/dev/null 2>&1; [[ -n "${HOST_PID:-}" ]] && kill "$HOST_PID" 2>/dev/null' EXIT
dotnet build src/LsiWorkflow.Host -c Release -v q -nologo >/dev/null || fail "this version does not build"
dotnet build "$WORK/src/src/LsiWorkflow.Host" -c Release -v q -nologo >/dev/null || fail "$TAG does not build"

export ConnectionStrings__Lsi="$PG;Database=$DB"
export ASPNETCORE_ENVIRONMENT=Production
psql "host=127.0.0.1 port=55432 user=lsi dbname=postgres" -qc "drop database if exists $DB with (force)" >/dev/null 2>&1
psql "host=127.0.0.1 port=55432 user=lsi dbname=postgres" -qc "create database $DB" >/dev/null 2>&1 || fail "cannot create $DB"
dotnet src/LsiWorkflow.Host/bin/Release/net10.0/LsiWorkflow.Host.dll migrate || fail "this version's migrations failed"

# The previous host on the new schema, as in the middle of a rolling upgrade.
(cd "$WORK/src/src/LsiWorkflow.Host/bin/Release/net10.0" && exec dotnet LsiWorkflow.Host.dll --urls "http://127.0.0.1:$PORT") \
  >"$WORK/host.log" 2>&1 &
HOST_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break
  kill -0 "$HOST_PID" 2>/dev/null || fail "$TAG's host stopped on the new schema (log: $WORK/host.log)"
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null || fail "$TAG's host is not ready on the new schema"
status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/projects")"
[[ "$status" == "401" ]] || fail "$TAG's host answers $status to an anonymous API call (expected 401)"
status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/publicaties")"
[[ "$status" == "200" ]] || fail "$TAG's host answers $status on /publicaties"
echo "$TAG serves on the schema of this version."
echo "1 passed, 0 failed, 0 skipped"
