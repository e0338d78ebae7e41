#!/usr/bin/env bash
# Factor study on the real-music development set (issue 15, part 4): one factor at a time from a fixed baseline
# (metric network, d = 32, 9 s segments), 3 seeds each, a fixed number of steps; one `disambig eval` over all models
# on the set's test catalog. Idempotent: models and the dataset that exist are kept.
#   tools/datasets/real-music-factors.sh [SET] [WORK]        (defaults .data/real-music/set, .data/real-music)
#   STEPS=100 SEEDS="1 2 3" FACTORS="d32-9s d256-9s" EVAL_OUT=.data/real-music/eval-factors tools/datasets/real-music-factors.sh
# Then: python3 tools/datasets/real_music_results.py SET EVAL_FOLDERS COMMANDS_FILE (docs/results-real-music.md).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
set_folder=$(realpath "${1:-$repo/.data/real-music/set}")
work=$(realpath "${2:-$repo/.data/real-music}")
steps=${STEPS:-100}
seeds=${SEEDS:-1 2 3}
factors=${FACTORS:-d32-9s d256-9s}
eval_out=${EVAL_OUT:-$work/eval-factors}
disambig=${DISAMBIG:-$repo/src/Disambig.Cli/bin/Release/net10.0/disambig}
[[ -x $disambig ]] || { echo "real-music-factors: build the CLI first: dotnet build src/Disambig.Cli -c Release" >&2; exit 1; }
commands=$work/factors-commands.txt
log() { echo "$*" | tee -a "$commands"; }

mkdir -p "$work/datasets" "$work/factors"
: > "$commands"
# 9 s: the unbalanced recipe (10 linearly spaced 9 s samples per track), validation on held-out training composers.
log disambig dataset build --recipe unbalanced --catalog "$set_folder/train" --out "$work/datasets" --prefix rm-9s --min-tracks 2 --samples-per-track 10 --train-fraction 0.75 --early-stopping-fraction 0.25 --no-test-split --seed 1
"$disambig" dataset build --recipe unbalanced --catalog "$set_folder/train" --out "$work/datasets" --prefix rm-9s --min-tracks 2 \
  --samples-per-track 10 --train-fraction 0.75 --early-stopping-fraction 0.25 --no-test-split --seed 1 >/dev/null
models=()
for factor in $factors; do
  dim=${factor%%-*}; dim=${dim#d}; seconds=${factor#*-}; seconds=${seconds%s}
  [[ $seconds == 9 ]] || { echo "real-music-factors: only 9 s factors have a matching recipe here (got $factor)" >&2; exit 2; }
  for seed in $seeds; do
    version=rm-$factor-$steps-s$seed
    args=(train --kind metric --dim "$dim" --segment-seconds "$seconds" --dataset "$work/datasets/rm-9s" --train-split train
          --validation-split early-stopping --artists-per-batch 6 --samples-per-artist 4 --side-info-p 0 --steps "$steps"
          --validation-interval 20 --patience 4 --seed "$seed" --threads 2 --out "$work/factors/$version" --version "$version")
    log disambig "${args[@]}"
    [[ -f $work/factors/$version/models/$version/meta.json ]] || "$disambig" "${args[@]}" > "$work/factors/$version.log" 2>&1
    models+=(--model "$work/factors/$version/models/$version")
  done
done
eval_args=(eval "${models[@]}" --catalog "$set_folder/test" --out "$eval_out" --tracks-per-artist 2 --model-tracks 1 --folds 2)
log disambig "${eval_args[@]}"
"$disambig" "${eval_args[@]}"
