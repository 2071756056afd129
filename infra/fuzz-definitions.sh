#!/usr/bin/env bash
# The definition fuzzer at full size: mutated shipped workflows through validate, save-draft and publish.
#   infra/fuzz-definitions.sh [cases] [seed]      (default 10000 cases, seed 20261128)
# Ends with one line of figures: cases, accepted, rejected, server_errors (must be 0), stored_invalid (must be 0).
# Uses the test database (ConnectionStrings__LsiTest), which it resets like every host test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LSI_FUZZ_CASES="${1:-10000}"
export LSI_FUZZ_SEED="${2:-20261128}"
output="$(mktemp)"
trap 'rm -f "$output"' EXIT
status=0
dotnet test "$ROOT/tests/LsiWorkflow.Host.Tests" --filter "FullyQualifiedName~Security.DefinitionFuzzTests" \
  --logger "console;verbosity=detailed" >"$output" 2>&1 || status=$?
grep -E "^\s*case [0-9]+|answered|stored invalid" "$output" | head -30 || true
grep -Eo "fuzz_seed=.*" "$output" | tail -1
exit "$status"
