# Sourced by real-music-curve.sh (not run): the paths, the dataset recipe and the training command of the measured
# baseline recipe (tools/datasets/real-music-factors.sh's), in one place for every script that trains on the set.
# rd_init NAME [SET] [WORK]: sets here, repo, set_folder (default .data/real-music/rd-set), work, steps, disambig.
rd_init() {
  local name=$1
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  repo=$(cd "$here/../.." && pwd)
  set_folder=$(realpath "${2:-$repo/.data/real-music/rd-set}")
  work=$(realpath "${3:-$repo/.data/real-music}")
  steps=${STEPS:-60}
  disambig=${DISAMBIG:-$repo/src/Disambig.Cli/bin/Release/net10.0/disambig}
  [[ -x $disambig ]] || { echo "$name: build the CLI first: dotnet build src/Disambig.Cli -c Release" >&2; exit 1; }
  mkdir -p "$work/rd-catalogs" "$work/rd-datasets"
}

# The commands run, also appended to $commands.
log() { echo "$*" | tee -a "$commands"; }

# rd_dataset CATALOG PREFIX: the unbalanced recipe (10 samples per track, 9 s), one-track composers kept; 0.95 / 0.04
# gives 2 early-stopping composers and trains every other one, up to 37 composers (the baseline's 0.75 / 0.25 would
# draw more as the catalog grows; on the baseline's 8 composers both give its split, 6 and 2).
rd_dataset() {
  local args=(dataset build --recipe unbalanced --catalog "$1" --out "$work/rd-datasets" --prefix "$2" --min-tracks 1
              --samples-per-track 10 --train-fraction 0.95 --early-stopping-fraction 0.04 --no-test-split --seed 1)
  log disambig "${args[@]}"
  [[ -f $work/rd-datasets/$2/build-report.json ]] || "$disambig" "${args[@]}" >/dev/null
}

# rd_train_args PREFIX VERSION SEED OUT: sets train_args to the baseline recipe of real-music-factors.sh (metric,
# d = 32, 9 s, 6 artists x 4 segments a batch, $steps steps, validation every 20 steps) and logs it.
rd_train_args() {
  train_args=(train --kind metric --dim 32 --segment-seconds 9 --dataset "$work/rd-datasets/$1" --train-split train
              --validation-split early-stopping --artists-per-batch 6 --samples-per-artist 4 --side-info-p 0 --steps "$steps"
              --validation-interval 20 --patience 4 --seed "$3" --threads 2 --out "$4" --version "$2")
  log disambig "${train_args[@]}"
}
