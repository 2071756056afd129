#!/usr/bin/env bash
# Runs LSI Workflow locally: database up, migrations, seed (demo users), host on a local URL.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ -z "${ConnectionStrings__Lsi:-}" ]]; then
  ConnectionStrings__Lsi="$(infra/db-up.sh | tail -n 1)"
  export ConnectionStrings__Lsi
fi
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
URL="${LSI_URL:-http://127.0.0.1:5080}"
# Links in mails and the calendar address point where the host listens, unless set otherwise.
PUBLIC_URL="${URL%%;*}"
PUBLIC_URL="${PUBLIC_URL/\/\/0.0.0.0/\/\/localhost}"
export Mail__PublicBaseUrl="${Mail__PublicBaseUrl:-$PUBLIC_URL}"
echo "LSI Workflow starts on $URL (sign-in names and the demo password follow in the log)"
exec dotnet run --project src/LsiWorkflow.Host -c "${CONFIGURATION:-Debug}" --no-launch-profile -- --urls "$URL"
