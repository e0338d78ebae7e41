#!/usr/bin/env bash
# Issue 14's side-by-side benchmark: the project's feature extraction (TrackFeatureExtractor.ExtractAsync) against the
# fixed Python peer (tools/bench/audio_peer.py, Debian's python3-numpy) on the same files in one run, 1 at a time
# (each side pinned to core 0 with taskset) and 2 at a time (cores 0-1), interleaved round by round so that both see
# the same load. Within its cores each side works as it would in production:
# - the peer: one process per core, each taking its tracks one after the other;
# - the project: one process with one shared TrackFeatureExtractor and 2 x cores x B tracks in flight (B = --batch,
#   AudioOptions.BatchTracks, default 4), so that its batching front runs one ffmpeg process per core
#   (AudioOptions.DecodeProcesses = the cores taskset allows) and the tracks that arrive meanwhile share the next one;
#   --batch 1 gives the previous rounds' set-up (cores tracks in flight, one ffmpeg process per track).
# Both sides are measured in their steady state, after a warm-up that the figures leave out: the peer after one track
# (its interpreter start and numpy import), the project after K tracks through its concurrent loop and with the .NET
# runtime's tiered compilation off (DOTNET_TieredCompilation=0: every method compiled optimised at its first call, as
# a long-running worker's code is once tiering has finished; with tiering on, the JIT recompiled some 800 methods over
# the first hundred tracks, 12-24 ms more of CPU per track in short runs on two cores). --tiered keeps the runtime's
# default.
# Prints tracks/s (wall) and CPU ms per track (the process and its ffmpeg/ffprobe children) of each side, and the
# ratios project/peer. Usage:
#   tools/bench/audio_side_by_side.sh [--rounds R] [--tracks N] [--batch B] [--tiered] [--gather-ms G] [--slot-wait 0|1] [--pin 0|1] [--engine ffmpeg|libav] [FILE...]
# (--gather-ms: AudioOptions.BatchGather of the project side; 0 starts a track that finds a free process at once, alone;
# --slot-wait: AudioOptions.BatchesWaitForSlots, default 0 (full batches start beside busy runs); 1: the seventh round's
# slot waiting and tail split; --pin: AudioOptions.PinDecodeProcesses, default 1: each ffmpeg process pinned to one of
# the side's cores, spread evenly; 0: the processes float over the side's cores as before the eighth round; --engine:
# AudioOptions.DecodeEngine, default ffmpeg processes; libav: FFmpeg's libraries in the project's process)
# Without files it generates a 4-minute 44.1 kHz stereo music-like mp3 in a temporary folder.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds=2
# 32 tracks a side and round (64 at 2 at a time): a worker extracts tracks without end, and with 10 (20 at 2 at a time,
# 16 in flight) the project's run lasted about 1.5 s, so the end of its one burst (a core idle while the last batch
# runs) weighed on the figure as it never does in a worker's steady state (docs/benchmarks.md, issue 14 quiet check).
tracks=32
batch=4
tiered=0
project_opts=()
files=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --tracks) tracks="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --tiered) tiered=1; shift ;;
    --gather-ms) project_opts+=(--gather-ms "$2"); shift 2 ;;
    --slot-wait) project_opts+=(--slot-wait "$2"); shift 2 ;;
    --pin) project_opts+=(--pin "$2"); shift 2 ;;
    --engine) project_opts+=(--engine "$2"); shift 2 ;;
    *) files+=("$(realpath "$1")"); shift ;;
  esac
done
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  apt-get install -y python3-numpy >/dev/null
fi
tmp="$(mktemp -d -t disambig-side-by-side-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
if [[ ${#files[@]} -eq 0 ]]; then
  notes='0.25*sin(2*PI*(220+55*floor(mod(t\,4)))*t)*exp(-4*mod(t\,0.5))+0.12*sin(2*PI*3*(220+55*floor(mod(t\,4)))*t)*exp(-6*mod(t\,0.5))+0.2*sin(2*PI*55*t)'
  ffmpeg -v error -y -f lavfi -i "aevalsrc=${notes}:s=44100:d=240" -f lavfi -i "anoisesrc=d=240:c=pink:r=44100:a=0.01:seed=3" \
    -filter_complex amix=inputs=2:normalize=0 -ac 2 -c:a libmp3lame -b:a 192k "$tmp/track-240s.mp3"
  files=("$tmp/track-240s.mp3")
fi
dll="$repo/tools/bench/Disambig.Audio.Benchmarks/bin/Release/net10.0/Disambig.Audio.Benchmarks.dll"
[[ -f "$dll" ]] || dotnet build -c Release "$repo/tools/bench/Disambig.Audio.Benchmarks" >/dev/null
peer="$repo/tools/bench/audio_peer.py"
if [[ $tiered -eq 0 ]]; then export_tc=(env DOTNET_TieredCompilation=0); else export_tc=(env); fi

field() { awk -v k="$1" '{for (i = 1; i < NF; i++) if ($i == k) print $(i + 1)}'; }
declare -A sum
add() { sum[$1]=$(python3 -c "print(${sum[$1]:-0} + $2)"); }
for ((r = 1; r <= rounds; r++)); do
  line=$("${export_tc[@]}" taskset -c 0 dotnet "$dll" --extract --tracks "$tracks" --concurrency 1 --batch "$batch" "${project_opts[@]}" "${files[@]}")
  add p1 "$(field tracks/s <<<"$line")"; add p1cpu "$(field cpu-ms/track <<<"$line")"
  line=$(taskset -c 0 /usr/bin/python3 "$peer" --tracks "$tracks" "${files[@]}")
  add q1 "$(field tracks/s <<<"$line")"; add q1cpu "$(field cpu-ms/track <<<"$line")"
  line=$("${export_tc[@]}" taskset -c 0,1 dotnet "$dll" --extract --tracks $((2 * tracks)) --concurrency 2 --batch "$batch" "${project_opts[@]}" "${files[@]}")
  add p2 "$(field tracks/s <<<"$line")"; add p2cpu "$(field cpu-ms/track <<<"$line")"
  taskset -c 0 /usr/bin/python3 "$peer" --tracks "$tracks" "${files[@]}" >"$tmp/a" &
  taskset -c 1 /usr/bin/python3 "$peer" --tracks "$tracks" "${files[@]}" >"$tmp/b" &
  wait
  add q2 "$(cat "$tmp/a" "$tmp/b" | field tracks/s | python3 -c 'import sys; print(sum(float(x) for x in sys.stdin))')"
  add q2cpu "$(cat "$tmp/a" "$tmp/b" | field cpu-ms/track | python3 -c 'import sys; v=[float(x) for x in sys.stdin]; print(sum(v)/len(v))')"
  echo "round $r done" >&2
done
python3 - "$rounds" "${sum[p1]}" "${sum[q1]}" "${sum[p2]}" "${sum[q2]}" "${sum[p1cpu]}" "${sum[q1cpu]}" "${sum[p2cpu]}" "${sum[q2cpu]}" <<'PY'
import sys
r = float(sys.argv[1]); p1, q1, p2, q2, c1, d1, c2, d2 = (float(x) / r for x in sys.argv[2:])
print("| at a time | project tracks/s | peer tracks/s | ratio | project CPU ms/track | peer CPU ms/track | CPU ratio |")
print("|---|---|---|---|---|---|---|")
print(f"| 1 | {p1:.2f} | {q1:.2f} | {p1 / q1:.2f} | {c1:.0f} | {d1:.0f} | {d1 / c1:.2f} |")
print(f"| 2 | {p2:.2f} | {q2:.2f} | {p2 / q2:.2f} | {c2:.0f} | {d2:.0f} | {d2 / c2:.2f} |")
PY
