#!/usr/bin/env bash
# The test command: installs what the tests need (ffmpeg from Debian, Azurite from npm into .tools/),
# starts Azurite on 127.0.0.1 on free ports with a temporary workspace, runs every test of the solution,
# stops Azurite and cleans up whatever happens, and exits with the tests' status.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source tools/lib/prerequisites.sh

ensure_debian_packages ffmpeg chromium chromium-driver:chromedriver
ensure_azurite

workspace="$(mktemp -d -t disambig-test-XXXXXX)"
azurite_pid=""
cleanup() {
  if [[ -n "$azurite_pid" ]]; then
    kill "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
  rm -rf "$workspace"
}
trap cleanup EXIT INT TERM

start_azurite "$workspace/azurite"
export DISAMBIG_TEST_BLOB_CONNECTION="$AZURITE_CONNECTION"

log="$workspace/dotnet-test.log"
status=0
dotnet test Disambig.Orleans.sln --nologo "$@" 2>&1 | tee "$log" || status=$?
summarise_test_counts "$log"
exit "$status"
