#!/usr/bin/env bash
# A local storage account for a cluster on one machine: installs Azurite (npm, into .tools/) and starts it on
# 127.0.0.1 in the background, its data in .tools/azurite-data (kept across restarts), and writes the connection
# string to .tools/azurite.env for silos and the CLI:
#   bash tools/azurite.sh start      # then: source .tools/azurite.env
#   bash tools/azurite.sh stop
# The account is the emulator's well-known development account (its key is public, not a secret).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source tools/lib/prerequisites.sh

data=".tools/azurite-data"
pid_file=".tools/azurite.pid"
env_file=".tools/azurite.env"

running() { [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

case "${1:-start}" in
  start)
    if running; then
      echo "Azurite already runs (pid $(cat "$pid_file")); connection in $env_file."
      exit 0
    fi
    ensure_azurite
    start_azurite "$data"
    echo "$azurite_pid" > "$pid_file"
    {
      echo "# Written by tools/azurite.sh: the local Azurite's connection for the silos and the disambig CLI."
      echo "export DISAMBIG_CLUSTER_CONNECTION='$AZURITE_CONNECTION'"
      echo "export Disambig__StorageConnection='$AZURITE_CONNECTION'"
    } > "$env_file"
    echo "Azurite runs in the background (pid $azurite_pid, data in $data, log in $data/azurite.log)."
    echo "Connection: source $env_file  (sets DISAMBIG_CLUSTER_CONNECTION and Disambig__StorageConnection)"
    ;;
  stop)
    if running; then
      kill "$(cat "$pid_file")"
      echo "Azurite stopped."
    else
      echo "Azurite is not running."
    fi
    rm -f "$pid_file"
    ;;
  *)
    echo "usage: bash tools/azurite.sh [start|stop]" >&2
    exit 2
    ;;
esac
