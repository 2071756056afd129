#!/usr/bin/env bash
# Runs every test: unit tests, integration tests against a real PostgreSQL and real Hangfire,
# and browser tests in headless Chromium. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ -z "${ConnectionStrings__LsiTest:-}" ]]; then
  CONNECTION="$(infra/db-up.sh | tail -n 1)" || { echo "0 passed, 1 failed"; echo "The test database could not be started." >&2; exit 1; }
  export ConnectionStrings__LsiTest="${CONNECTION/Database=lsi;/Database=lsi_test;}"
fi
if [[ -x infra/install-chromium.sh ]]; then
  infra/install-chromium.sh || { echo "0 passed, 1 failed"; echo "Chromium could not be installed." >&2; exit 1; }
fi

LOG="$(mktemp)"
dotnet test LsiWorkflow.sln -c Release "$@" 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}

# dotnet test prints one summary per test project: "Passed!  - Failed: 0, Passed: 7, Skipped: 0, Total: 7, ..."
read -r PASSED FAILED SKIPPED < <(grep -E "(Passed|Failed)! +- +Failed: +[0-9]+" "$LOG" | awk -F'[:,]' \
  '{ f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
PROJECTS=$(grep -cE "(Passed|Failed)! +- +Failed:" "$LOG")
rm -f "$LOG"
if [[ $STATUS -ne 0 && $FAILED -eq 0 ]]; then
  FAILED=1 # the build or a test host failed before any test could report
fi
echo "Test projects reporting: $PROJECTS"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
exit $STATUS
