#!/usr/bin/env bash
# Factor study on the real-music development set (issue 15, part 4): one factor at a time from a fixed baseline
# (metric network, d = 32, 9 s segments), 3 seeds each, a fixed number of steps; one `disambig eval` over all models
# on the set's test catalog. Idempotent: models and the datasets that exist are kept.
#   tools/datasets/real-music-factors.sh [SET] [WORK]        (defaults .data/real-music/set, .data/real-music)
#   STEPS=100 SEEDS="1 2 3" FACTORS="d32-9s d256-9s" EVAL_OUT=.data/real-music/eval-factors tools/datasets/real-music-factors.sh
# A factor is dD-Ss[-token...]: D = 32 or 256, S = 9 or 3 (3 s segments cut from the same tracks, dataset rm-3s), then
# any of: ch (Table 1's head as printed, --head channels), nN (N samples per artist and batch, default 4), aN (N
# artists per batch, default 6), aug (training-time augmentation against production cues, --augment).
# POOLING=median|trimmed evaluates with that track pooling (default mean).
# POOL_HOMONYMS=N (2 to 4) evaluates on the test composers pooled into every combination of 2 to N of them (28 pairs
# of the 8 test composers with N = 2, 154 names with N = 4; `disambig eval --pool-homonyms`, 5 folds) instead of the
# set's 4 credited names (2 folds). Unset: the credited names. CACHE=DIR shares the track-vector cache between evals.
# The eval writes its calibrated threshold into each model's meta.json, so it evaluates copies of the models under
# EVAL_OUT/models: the trained models are left as they are. The commands run are written to EVAL_OUT/commands.txt.
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
pooling=${POOLING:-mean}
pool_homonyms=${POOL_HOMONYMS:-}
mkdir -p "$work/datasets" "$work/factors" "$eval_out"
commands=$eval_out/commands.txt
log() { echo "$*" | tee -a "$commands"; }
: > "$commands"

# The unbalanced recipe (10 linearly spaced samples per track, 9 s or 3 s), validation on held-out training composers;
# the same seed gives both lengths the same tracks and the same composer split.
dataset() {
  local seconds=$1
  [[ -f $work/datasets/rm-${seconds}s/build-report.json ]] && return 0
  local args=(dataset build --recipe unbalanced --catalog "$set_folder/train" --out "$work/datasets" --prefix "rm-${seconds}s" --min-tracks 2
              --samples-per-track 10 --train-fraction 0.75 --early-stopping-fraction 0.25 --no-test-split --seed 1)
  [[ $seconds == 9 ]] || args+=(--segment-seconds "$seconds")
  log disambig "${args[@]}"
  "$disambig" "${args[@]}" >/dev/null
}
models=()
for factor in $factors; do
  IFS=- read -r dim seconds tokens <<< "$factor"
  dim=${dim#d}; seconds=${seconds%s}
  [[ $seconds == 9 || $seconds == 3 ]] || { echo "real-music-factors: segments are 9 s or 3 s (got $factor)" >&2; exit 2; }
  dataset "$seconds"
  head=time; per_artist=4; artists=6; augment=0
  for token in ${tokens//-/ }; do
    case $token in
      ch) head=channels ;;
      aug) augment=1 ;;
      n[0-9]*) per_artist=${token#n} ;;
      a[0-9]*) artists=${token#a} ;;
      *) echo "real-music-factors: unknown factor token '$token' in $factor" >&2; exit 2 ;;
    esac
  done
  for seed in $seeds; do
    version=rm-$factor-$steps-s$seed
    args=(train --kind metric --dim "$dim" --segment-seconds "$seconds" --dataset "$work/datasets/rm-${seconds}s" --train-split train
          --validation-split early-stopping --artists-per-batch "$artists" --samples-per-artist "$per_artist" --side-info-p 0 --steps "$steps"
          --validation-interval 20 --patience 4 --seed "$seed" --threads 2 --out "$work/factors/$version" --version "$version")
    [[ $head == time ]] || args+=(--head "$head")
    [[ $augment == 0 ]] || args+=(--augment)
    log disambig "${args[@]}"
    [[ -f $work/factors/$version/models/$version/meta.json ]] || "$disambig" "${args[@]}" > "$work/factors/$version.log" 2>&1
    model=$work/factors/$version/models/$version
    # eval writes its calibrated threshold into each model's meta.json: it evaluates copies, so that the trained
    # models keep theirs.
    [[ -d $eval_out/models/$version ]] || { mkdir -p "$eval_out/models"; cp -r "$model" "$eval_out/models/$version"; }
    model=$eval_out/models/$version
    models+=(--model "$model")
  done
done
# The classification set needs 2 tracks of each composer (the fewest a test composer has); the homonym and one-artist
# names take all of their tracks. The credited names are 4 groups, hence 2 folds.
eval_args=(eval "${models[@]}" --catalog "$set_folder/test" --out "$eval_out" --tracks-per-artist 2 --model-tracks 1)
if [[ -n $pool_homonyms ]]; then eval_args+=(--pool-homonyms "$pool_homonyms" --folds 5); else eval_args+=(--folds 2); fi
[[ $pooling == mean ]] || eval_args+=(--pooling "$pooling")
[[ -z ${CACHE:-} ]] || eval_args+=(--cache "$CACHE")
log disambig "${eval_args[@]}"
"$disambig" "${eval_args[@]}"
