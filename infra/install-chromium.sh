#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright; test tools cannot download browsers here.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then exit 0; fi
if [[ "$(id -u)" != "0" ]]; then
  echo "Chromium is missing: run 'sudo apt-get install -y chromium' (or run this script as root)." >&2
  exit 1
fi
echo "Installing Chromium for the browser tests." >&2
export DEBIAN_FRONTEND=noninteractive
LOG="$(mktemp)"
if ! { apt-get update -qq && apt-get install -y -qq chromium; } >"$LOG" 2>&1; then
  cat "$LOG" >&2
  exit 1
fi
rm -f "$LOG"
