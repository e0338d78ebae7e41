#!/usr/bin/env bash
# The paper's experiment (sections 4 and 5) reproduced on synthetic demo catalogs, scaled down for a 2-core CPU:
# catalogs -> datasets (recipes) at several training-set sizes -> both systems trained -> one evaluation -> docs/results.md.
#
#   tools/experiments/reproduce.sh                 # SCALE=tiny: minutes per model (see docs/results.md)
#   SCALE=small tools/experiments/reproduce.sh     # larger catalogs and longer training
#   STAGES="catalogs datasets" tools/experiments/reproduce.sh   # run only some stages
#
# Every stage is idempotent: catalogs and models that exist are kept, datasets resume or are found complete,
# so an interrupted run continues where it stopped. Work goes to $WORK (default out/experiment-$SCALE).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCALE="${SCALE:-tiny}"
WORK="${WORK:-$repo/out/experiment-$SCALE}"
STAGES="${STAGES:-build catalogs datasets train eval results}"
cd "$repo"

case "$SCALE" in
  tiny)
    train_artists=24; zipf_artists=30; eval_artists=24; eval_groups=8
    msd_sizes="8"; balanced_sizes="6 16"; balanced_samples=60
    train_steps=40; validation_interval=10; batch_artists=6; batch_samples=4
    eval_limits=(--max-artists 6 --max-homonym-tracks 4); side_info_ps="0 0.5 1" ;;
  small)
    train_artists=60; zipf_artists=80; eval_artists=40; eval_groups=12
    msd_sizes="15 60"; balanced_sizes="15 60"; balanced_samples=120
    train_steps=600; validation_interval=50; batch_artists=16; batch_samples=4
    eval_limits=(); side_info_ps="0 0.25 0.5 0.75 1" ;;
  *) echo "SCALE must be tiny or small" >&2; exit 2 ;;
esac

cli="$repo/src/Disambig.Cli/bin/Release/net10.0/disambig.dll"
disambig() { dotnet "$cli" "$@"; }
stage() { [[ " $STAGES " == *" $1 "* ]]; }
log() { printf '\n== %s ==\n' "$*"; }
mkdir -p "$WORK"
commands="$WORK/commands.txt"
# Every command that produces a result is logged here; docs/results.md quotes this file.
logged() { printf '%s\n' "disambig $*" >>"$commands"; }
run() { logged "$@"; disambig "$@"; }

if stage build; then
  log "build the CLI (Release)"
  dotnet build src/Disambig.Cli/Disambig.Cli.csproj -c Release -v q -nologo
  : >"$commands"
fi

catalog() { # name, then demo-catalog options
  local name="$1"; shift
  if [[ -f "$WORK/$name/catalog.jsonl" ]]; then echo "catalog $name exists"; logged demo-catalog --out "$WORK/$name" "$@"; return; fi
  run demo-catalog --out "$WORK/$name" "$@"
}

if stage catalogs; then
  log "catalogs (training artists and evaluation artists are drawn from different seeds: no artist is shared)"
  # 17 tracks on 4 albums (4, 4, 4, 5): enough for msd-small (17 tracks) and balanced (4 albums of more than 3 tracks).
  catalog catalog-train --artists "$train_artists" --tracks-per-artist 17 --albums-per-artist 4 --homonym-groups 0 \
    --duration-min 30 --duration-max 40 --seed 101
  # Long-tailed track counts for the unbalanced recipe.
  catalog catalog-zipf --artists "$zipf_artists" --zipf --min-tracks 4 --max-tracks 30 --albums-per-artist 3 --homonym-groups 0 \
    --duration-min 20 --duration-max 30 --seed 102
  # Unseen artists, 20 tracks each, with homonym groups of 2 to 4 artists under one name.
  catalog catalog-eval --artists "$eval_artists" --tracks-per-artist 20 --albums-per-artist 3 --homonym-groups "$eval_groups" \
    --duration-min 25 --duration-max 35 --seed 201
fi

datasets="$WORK/datasets"
if stage datasets; then
  log "datasets"
  for n in $msd_sizes; do
    run dataset build --recipe msd-small --catalog "$WORK/catalog-train" --out "$datasets" --prefix "msd-small-a$n" --artists "$n" --seed 1
  done
  for n in $balanced_sizes; do
    run dataset build --recipe balanced --catalog "$WORK/catalog-train" --out "$datasets" --prefix "balanced-a$n" --artists "$n" --seed 1 \
      --samples-per-artist "$balanced_samples" --no-test-split
  done
  run dataset build --recipe unbalanced --catalog "$WORK/catalog-zipf" --out "$datasets" --prefix unbalanced --seed 1 --no-test-split
  # One 9 s sample per track, with the artists' genre tags, for the side-information sweep (section 3.3).
  run dataset build --recipe side-information --catalog "$WORK/catalog-zipf" --out "$datasets" --prefix side-information --seed 1 --no-test-split
fi

models="$WORK/models"
# train LABEL KIND DIM SEGMENT_SECONDS DATASET TRAIN_SPLIT [SIDE_INFO_P]: `disambig train` into models/LABEL, whose
# published model carries the label as its version (models/LABEL/models/LABEL); an interrupted run resumes, a
# finished one is kept.
train() {
  local label="$1" kind="$2" dim="$3" seconds="$4" dataset="$5" split="$6" p="${7:-0}"
  local command=(train --kind "$kind" --dim "$dim" --segment-seconds "$seconds" --dataset "$datasets/$dataset" --train-split "$split" --side-info-p "$p"
    --validation-split early-stopping --steps "$train_steps" --validation-interval "$validation_interval" --patience 4
    --artists-per-batch "$batch_artists" --samples-per-artist "$batch_samples" --seed 1 --out "$models/$label" --version "$label")
  if [[ -f "$models/$label/models/$label/meta.json" ]]; then echo "model $label exists"; logged "${command[@]}"; return; fi
  run "${command[@]}"
}

if stage train; then
  log "train"
  for n in $msd_sizes; do
    train "msd-small-a$n-ml32" metric 32 3 "msd-small-a$n" train
    train "msd-small-a$n-cl" classifier 256 3 "msd-small-a$n" train
  done
  for n in $balanced_sizes; do
    train "balanced-a$n-ml32" metric 32 9 "balanced-a$n" train
    train "balanced-a$n-cl" classifier 256 9 "balanced-a$n" train
  done
  largest="${balanced_sizes##* }"
  train "balanced-a$largest-ml256" metric 256 9 "balanced-a$largest" train
  train unbalanced-ml32 metric 32 9 unbalanced train
  train unbalanced-cut-down-cl classifier 256 9 unbalanced train-cut-down
  train unbalanced-repeated-cl classifier 256 9 unbalanced train-repeated
  for p in $side_info_ps; do
    train "side-information-p$p-ml32" metric 32 9 side-information train "$p"
  done
fi

if stage eval; then
  log "evaluation of every model on the unseen artists"
  model_args=()
  for folder in "$models"/*/models/*/; do model_args+=(--model "${folder%/}"); done
  run eval "${model_args[@]}" --catalog "$WORK/catalog-eval" --out "$WORK/eval" --datasets "$datasets" "${eval_limits[@]}"
fi

if stage results; then
  log "docs/results.md"
  cat >"$WORK/scale.md" <<SCALE
| | paper | this run (SCALE=$SCALE) |
|---|---|---|
| training catalogs | MSD, Deezer catalog (real music) | demo catalogs: $train_artists artists x 17 tracks on 4 albums (30-40 s); $zipf_artists artists with Zipf track counts 4-30 (20-30 s) |
| msd-small | 100 to 2000 artists, 17 tracks, 30 s excerpts in 3 s segments | $msd_sizes artists, same rule |
| balanced | 25 to 600 artists, 1000 samples of 9 s per artist | $balanced_sizes artists, $balanced_samples samples per artist (train 1/3, early stopping 1/6; test split not written) |
| unbalanced | 1749 training artists, 10 samples per track; (A) 1002 and (B) 1749 artists of 2000 samples | all $zipf_artists artists of the Zipf catalog split 80/10/10 by artist, 10 samples per track; (A) and (B) at the smallest and largest artist's count |
| training | until early stopping, batches of many artists | $train_steps steps, validation (segment EER on the early-stopping set) every $validation_interval steps, patience 4, batches of $batch_artists artists x $batch_samples segments |
| evaluation | 467 unseen artists x 20 tracks; 122 homonym groups | unseen artists of a demo catalog ($eval_artists artists x 20 tracks, $eval_groups homonym groups), limits: ${eval_limits[*]:-none} |
| side information (p sweep) | p in 0 ... 1 on 3023 artists | p in $side_info_ps on the side-information set of the Zipf catalog (1 sample of 9 s per track, genre tags; split 80/10/10 by artist) |

The machine: 2 CPU cores shared with other builds while this ran, so no timing is given here; each model trained in
minutes, not hours.
SCALE
  python3 tools/experiments/write_results.py "$WORK" "$repo" "$SCALE"
fi
