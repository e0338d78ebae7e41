#!/usr/bin/env bash
# The final real-music model (issue 15): the measured baseline recipe (metric network, d = 32, 9 s segments, 6 artists
# x 4 segments a batch, 60 steps, seed 1) trained on EVERY labelled composer of the development set: its training,
# test and one-track (unused) composers, 2 of them kept for early stopping. The measurements (factor study, learning
# curve) stay on the train/test split; this model is for recordings outside the set (docs/evaluation.md, *More
# training composers*).
#   tools/datasets/real-music-final.sh [SET] [WORK]        (defaults .data/real-music/rd-set, .data/real-music)
# Writes WORK/rd-final/models/rd-final-d32-9s-60-s1 and the commands run to WORK/rd-final/commands.txt.
set -euo pipefail
source "$(dirname "$0")/real-music-lib.sh"
rd_init real-music-final "$@"
seed=${SEED:-1}
out=$work/rd-final
mkdir -p "$out"
commands=$out/commands.txt
: > "$commands"
catalog=$work/rd-catalogs/all
if [[ ! -f $catalog/catalog.jsonl ]]; then
  log python3 tools/datasets/real_music.py combine --set "$set_folder" --parts train,test,unused --out "$catalog"
  python3 "$here/real_music.py" combine --set "$set_folder" --parts train,test,unused --out "$catalog" >/dev/null
fi
rd_dataset "$catalog" rd-9s-all
rd_train_args rd-9s-all rd-final-d32-9s-$steps-s$seed "$seed" "$out"
"$disambig" "${train_args[@]}"
