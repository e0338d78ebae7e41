#!/usr/bin/env bash
# Issue 14, the next lever: CPU (user + sys, one ffmpeg process each, its start included) of decoding a track's
# 10 x 9 s segments as ten seeking inputs (as the project's batches do, soxr to 22 050 Hz mono per input) against one
# input from the first segment's start to the last one's end, cut afterwards. Segments are spread evenly over 5-95 % of
# the track, an approximation of the segment plan. Prints one line per file and round.
#   tools/bench/segment_decode_crossover.sh [--rounds R] FILE...
set -euo pipefail
rounds=1
if [[ "${1:-}" == "--rounds" ]]; then rounds=$2; shift 2; fi
times=$(mktemp); trap 'rm -f "$times"' EXIT
cpu() { /usr/bin/time -o "$times" -f "%U %S" "$@" >/dev/null 2>&1; awk '{printf "%.2f", $1 + $2}' "$times"; }
for ((round = 1; round <= rounds; round++)); do
  for f in "$@"; do
    dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")
    read -r -a starts <<<"$(python3 -c "d=$dur-9; print(' '.join(f'{d*(0.05+0.9*i/9):.3f}' for i in range(10)))")"
    inputs=(); graph=""; outputs=()
    for i in "${!starts[@]}"; do
      inputs+=(-threads 1 -ss "${starts[$i]}" -t 9 -i "$f")
      graph+="[$i:a]aresample=22050:resampler=soxr,aformat=channel_layouts=mono[o$i];"
      outputs+=(-map "[o$i]" -f s16le -y /dev/null)
    done
    ten=$(cpu ffmpeg -nostdin -loglevel error "${inputs[@]}" -filter_complex "${graph%;}" "${outputs[@]}")
    span=$(cpu ffmpeg -nostdin -loglevel error -threads 1 -ss "${starts[0]}" -to "$(python3 -c "print(${starts[9]} + 9)")" -i "$f" \
      -af aresample=22050:resampler=soxr -ac 1 -f s16le -y /dev/null)
    printf '%s\t%.0f s\tten seeking inputs %s s\tone span %s s\n' "$(basename "$f")" "$dur" "$ten" "$span"
  done
done
