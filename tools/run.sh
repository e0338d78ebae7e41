#!/usr/bin/env bash
# The main job on the embedded default: an in-process Orleans silo with every role, local storage,
# and a generated demo catalog unless --catalog DIR is given. Installs ffmpeg from Debian when missing.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source tools/lib/prerequisites.sh
ensure_debian_packages ffmpeg
exec dotnet run --project src/Disambig.Cli -c Release -- run "$@"
