#!/usr/bin/env bash
# The final real-music model (issue 15): the measured baseline recipe (metric network, d = 32, 9 s segments, 6 artists
# x 4 segments a batch, 60 steps, seed 1) trained on EVERY labelled composer of the development set: its training,
# test and one-track (unused) composers, 2 of them kept for early stopping. The measurements (factor study, learning
# curve) stay on the train/test split; this model is for recordings outside the set (docs/evaluation.md, *More
# training composers*).
#   tools/datasets/real-music-final.sh [SET] [WORK]        (defaults .data/real-music/rd-set, .data/real-music)
# Writes WORK/rd-final/models/rd-final-d32-9s-60-s1 and the commands run to WORK/rd-final/commands.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
set_folder=$(realpath "${1:-$repo/.data/real-music/rd-set}")
work=$(realpath "${2:-$repo/.data/real-music}")
steps=${STEPS:-60}
seed=${SEED:-1}
disambig=${DISAMBIG:-$repo/src/Disambig.Cli/bin/Release/net10.0/disambig}
[[ -x $disambig ]] || { echo "real-music-final: build the CLI first: dotnet build src/Disambig.Cli -c Release" >&2; exit 1; }
out=$work/rd-final
mkdir -p "$out" "$work/rd-catalogs" "$work/rd-datasets"
commands=$out/commands.txt
log() { echo "$*" | tee -a "$commands"; }
: > "$commands"
catalog=$work/rd-catalogs/all
if [[ ! -f $catalog/catalog.jsonl ]]; then
  log python3 tools/datasets/real_music.py combine --set "$set_folder" --parts train,test,unused --out "$catalog"
  python3 "$here/real_music.py" combine --set "$set_folder" --parts train,test,unused --out "$catalog" >/dev/null
fi
# 0.95 / 0.04: 2 composers for early stopping, every other one trains (as in real-music-curve.sh).
args=(dataset build --recipe unbalanced --catalog "$catalog" --out "$work/rd-datasets" --prefix rd-9s-all --min-tracks 1
      --samples-per-track 10 --train-fraction 0.95 --early-stopping-fraction 0.04 --no-test-split --seed 1)
log disambig "${args[@]}"
[[ -f $work/rd-datasets/rd-9s-all/build-report.json ]] || "$disambig" "${args[@]}" >/dev/null
version=rd-final-d32-9s-$steps-s$seed
args=(train --kind metric --dim 32 --segment-seconds 9 --dataset "$work/rd-datasets/rd-9s-all" --train-split train
      --validation-split early-stopping --artists-per-batch 6 --samples-per-artist 4 --side-info-p 0 --steps "$steps"
      --validation-interval 20 --patience 4 --seed "$seed" --threads 2 --out "$out" --version "$version")
log disambig "${args[@]}"
"$disambig" "${args[@]}"
