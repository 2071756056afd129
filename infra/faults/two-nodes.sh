#!/usr/bin/env bash
# Two nodes: two hosts on one database, load spread over both; a delay, reminders and due dates of seconds fall
# due during the run and must each fire once; the eight partners of an instance decide at the same moment,
# spread over both nodes, and every decision is recorded.
# Usage: infra/faults/two-nodes.sh [--workflows 200] [--delay 3] [--due 20] [--remind-before 10]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export FAULTS_PORT="${FAULTS_PORT:-5282}"
build_faults
run_faults two-nodes "${FAULTS_DATABASE:-lsi_faults_nodes}" "$@"
