#!/usr/bin/env bash
# Race: 1,000 trials of two clients completing the same task at the same moment: exactly one 2xx, the other
# 409, never both, never a 500; the winner's outcome is the one recorded.
# Usage: infra/faults/race.sh [--trials 1000] [--parallel 4]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export FAULTS_PORT="${FAULTS_PORT:-5285}"
build_faults
run_faults race "${FAULTS_DATABASE:-lsi_faults_race}" "$@"
