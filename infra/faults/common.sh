# Shared by the fault scripts: builds the host and the driver, and runs the driver against a database of its own.
# Sourced, not run. Settings (all optional):
#   FAULTS_PG       base connection string of a cluster where user lsi may create databases
#                   (default: the local cluster of infra/db-up.sh, Host=127.0.0.1;Port=55432;Username=lsi)
#   FAULTS_PORT     first port for the hosts under test (default per script)
#   FAULTS_DATABASE name of the run's database, lsi_faults* (default per script; db-restart has a cluster of its own)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
FAULTS_PG="${FAULTS_PG:-Host=127.0.0.1;Port=55432;Username=lsi}"

build_faults() {
  export FAULTS_HOST_DLL="$ROOT/src/LsiWorkflow.Host/bin/Release/net10.0/LsiWorkflow.Host.dll"
  # infra/faults/short.sh builds once for all its runs.
  [[ "${FAULTS_BUILT:-}" == "1" ]] && return 0
  echo "Building the host and the fault driver (Release)..." >&2
  dotnet build src/LsiWorkflow.Host -c Release -v q -nologo >&2
  dotnet build tests/LsiWorkflow.Faults -c Release -v q -nologo >&2
}

# run_faults <scenario> <database> [--option value ...]: a fresh database, a fresh work folder (logs, mail).
run_faults() {
  local scenario="$1" database="$2"; shift 2
  export FAULTS_DB="$FAULTS_PG;Database=$database"
  export FAULTS_WORK="$ROOT/.local/faults/$scenario"
  export FAULTS_FRESH_DB=1
  # "--check-only yes" checks again what the last run left: keep its folder (the driver keeps its database).
  [[ " $* " == *" --check-only yes "* ]] || rm -rf "$FAULTS_WORK"
  mkdir -p "$FAULTS_WORK"
  local start=$SECONDS
  set +e
  dotnet tests/LsiWorkflow.Faults/bin/Release/net10.0/LsiWorkflow.Faults.dll "$scenario" "$@"
  local status=$?
  set -e
  echo "$scenario took $((SECONDS - start)) s; host logs in $FAULTS_WORK" >&2
  return $status
}
