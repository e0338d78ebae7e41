#!/usr/bin/env bash
# Learning curve on the real-music development set (issue 15): does the model get better with more training
# composers? The baseline recipe of real-music-factors.sh (metric network, d = 32, 9 s segments, 6 artists x 4
# segments a batch, a fixed number of steps, 3 seeds), trained on the set's training composers plus the first K of
# its one-track composers (`real_music.py combine --extra K`), each model evaluated on the SAME test names
# (`disambig eval --pool-homonyms 4`: every combination of 2 to 4 of the 8 test composers, 5 folds).
#   tools/datasets/real-music-curve.sh [SET] [WORK]        (defaults .data/real-music/rd-set, .data/real-music)
#   EXTRAS="0 8 16" STEPS=60 SEEDS="1 2 3" EVAL_OUT=.data/real-music/rd-eval-curve CACHE=DIR tools/datasets/real-music-curve.sh
# Early stopping keeps the same 2 composers at every K (the recipe draws them last in its artist order; `combine`
# adds only one-track composers drawn before them), so only the training composers change: 6 + K. A one-track
# composer gives the triplet miner positives from different segments of its one track (10 linearly spaced 9 s
# samples), and it is another artist's sound for the others' negatives (docs/evaluation.md).
# Fewer than 6 training composers cannot be run with this recipe: a batch draws 6 artists.
# MOVE_TEST=K instead adds K multi-track composers: the first K test composers (recipe order, before early stopping)
# move to training (models rd-mtK-...), and the models are measured on the other test composers alone (pooled names
# of 2 to 4 of them), next to copies of the baseline models (versions rm-d32-9s-STEPS-sS, renamed rd-mt0-...) on the
# same names; the baseline models are taken from WORK/factors (tools/datasets/real-music-factors.sh).
# Then: python3 tools/datasets/real_music_results.py SET EVAL_FOLDERS COMMANDS_FILE (docs/results-real-music.md).
set -euo pipefail
source "$(dirname "$0")/real-music-lib.sh"
rd_init real-music-curve "$@"
seeds=${SEEDS:-1 2 3}
extras=${EXTRAS:-0 8 16}
eval_out=${EVAL_OUT:-$work/rd-eval-curve}
mkdir -p "$work/rd-factors" "$eval_out"
commands=$eval_out/commands.txt
: > "$commands"

# train_seed PREFIX K-NAME SEED: one model of the baseline recipe (kept when it exists), and its copy for the eval
# (the eval writes its calibrated threshold into each model's meta.json).
train_seed() {
  local version=rd-$2-d32-9s-$steps-s$3
  rd_train_args "$1" "$version" "$3" "$work/rd-factors/$version"
  [[ -f $work/rd-factors/$version/models/$version/meta.json ]] || "$disambig" "${train_args[@]}" > "$work/rd-factors/$version.log" 2>&1
  [[ -d $eval_out/models/$version ]] || { mkdir -p "$eval_out/models"; cp -r "$work/rd-factors/$version/models/$version" "$eval_out/models/$version"; }
  models+=(--model "$eval_out/models/$version")
}

models=()
if [[ -n ${MOVE_TEST:-} ]]; then
  k=$MOVE_TEST
  catalog=$work/rd-catalogs/train-mt$k
  held=$work/rd-catalogs/test-held-mt$k
  if [[ ! -f $catalog/catalog.jsonl ]]; then
    log python3 tools/datasets/real_music.py combine --set "$set_folder" --move-test "$k" --out "$catalog" --held-out "$held"
    python3 "$here/real_music.py" combine --set "$set_folder" --move-test "$k" --out "$catalog" --held-out "$held" >/dev/null
  fi
  rd_dataset "$catalog" rd-9s-mt$k
  for seed in $seeds; do
    # the baseline, renamed so that its figures on these names are not mixed with its figures on all 8 composers
    base=rm-d32-9s-$steps-s$seed copy=rd-mt0-d32-9s-$steps-s$seed
    if [[ ! -d $eval_out/models/$copy ]]; then
      mkdir -p "$eval_out/models"; cp -r "$work/factors/$base/models/$base" "$eval_out/models/$copy"
      python3 -c "import json,sys; p=sys.argv[1]; m=json.load(open(p)); m['version']=sys.argv[2]; json.dump(m, open(p,'w'), indent=2)" "$eval_out/models/$copy/meta.json" "$copy"
    fi
    models+=(--model "$eval_out/models/$copy")
  done
  for seed in $seeds; do train_seed rd-9s-mt$k mt$k "$seed"; done
  extras=""
  set_test=$held
else
  set_test=$set_folder/test
fi
for k in $extras; do
  catalog=$work/rd-catalogs/train-x$k
  if [[ ! -f $catalog/catalog.jsonl ]]; then
    log python3 tools/datasets/real_music.py combine --set "$set_folder" --parts train,unused --extra "$k" --out "$catalog"
    python3 "$here/real_music.py" combine --set "$set_folder" --parts train,unused --extra "$k" --out "$catalog" >/dev/null
  fi
  rd_dataset "$catalog" rd-9s-x$k
  for seed in $seeds; do train_seed rd-9s-x$k x$k "$seed"; done
done
eval_args=(eval "${models[@]}" --catalog "$set_test" --out "$eval_out" --tracks-per-artist 2 --model-tracks 1 --pool-homonyms 4 --folds 5)
[[ -z ${CACHE:-} ]] || eval_args+=(--cache "$CACHE")
log disambig "${eval_args[@]}"
"$disambig" "${eval_args[@]}"
