#!/usr/bin/env bash
# Crash: 1,000 concurrent project-approval workflows through the API of one host that is killed with SIGKILL
# at random moments (five times) and started again; then the database is checked against what the driver did.
# Usage: infra/faults/crash.sh [--workflows 1000] [--kills 5] [--clients 32] [--release yes|no]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export FAULTS_PORT="${FAULTS_PORT:-5281}"
build_faults
run_faults crash "${FAULTS_DATABASE:-lsi_faults_crash}" "$@"
