#!/usr/bin/env bash
# Adds an EF Core migration to migrations/: infra/add-migration.sh NameInPascalCase
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -eq 1 ]] || { echo "usage: infra/add-migration.sh NameInPascalCase" >&2; exit 2; }
cd "$ROOT"
dotnet tool restore >/dev/null
dotnet ef migrations add "$1" --project src/LsiWorkflow.Host --output-dir ../../migrations --namespace LsiWorkflow.Host.Migrations
# EF writes the snapshot under the project (by namespace) because migrations/ lies outside it: move it home.
SNAPSHOT="src/LsiWorkflow.Host/LsiWorkflow/Host/Migrations/LsiDbContextModelSnapshot.cs"
if [[ -f "$SNAPSHOT" ]]; then
  mv "$SNAPSHOT" migrations/LsiDbContextModelSnapshot.cs
  rm -rf src/LsiWorkflow.Host/LsiWorkflow
fi
