#!/usr/bin/env bash
# Rebuilds the real-music development set (issue 15) from Debian game-soundtrack packages.
#   tools/datasets/real-music.sh [OUT] [-- extra options of real_music.py build]
# OUT (default .data/real-music/set) receives train/ and test/ (catalog.jsonl + audio/), flac/, labels.jsonl,
# skipped.jsonl and summary.json. Downloads and unpacked packages are cached in .data/real-music/ (git-ignored).
# Needs: apt-get (Debian bookworm sources), dpkg-deb, ffmpeg/ffprobe, python3. No root: packages are downloaded and
# unpacked with dpkg-deb -x, never installed, so no game engine is pulled in and the system is left as it was.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$repo/.data/real-music/set}
[[ $# -gt 0 ]] && shift
[[ ${1:-} == -- ]] && shift
cache=${REAL_MUSIC_CACHE:-$repo/.data/real-music}
for tool in apt-get dpkg-deb ffmpeg ffprobe python3; do
  command -v "$tool" >/dev/null || { echo "real-music: $tool is missing (Debian: apt-get install ffmpeg python3)" >&2; exit 1; }
done
# REAL_MUSIC_SKIP: comma-separated packages not to download (e.g. the 1.4 GB 0ad-data, whose music has no per-track credit).
python3 "$here/real_music.py" fetch --cache "$cache" --skip "${REAL_MUSIC_SKIP:-}"
python3 "$here/real_music.py" build --cache "$cache" --out "$out" "$@"
