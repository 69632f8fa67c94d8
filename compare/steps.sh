#!/usr/bin/env bash
# Section 4.4's table of the steps of section 3.4: one training epoch of
# the article's LSTM model on the real data (median of 3), from the readable
# cell to the fast path, one optimisation added per row. Each row is its own build (Cargo
# features, or RUSTFLAGS for row 6) and thread count, so the rows are
# separate runs: run this on a quiet machine. Usage: bash compare/steps.sh [DATA ARGS, e.g. --cache DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=book/results/ch03-4-steps.json
# Each row records its own provenance (commit, date, processor, cores);
# MACHINE adds a note on the machine.
note=()
[ -n "${MACHINE:-}" ] && note=(--machine "$MACHINE")
rm -f "$out"
row() {
  local step=$1 threads=$2 features=$3 cell=$4
  shift 4
  echo "== $step" >&2
  RNN_BOOK_THREADS=$threads cargo run --release -q -p speed $features --bin speed -- \
    bench-epoch --cell "$cell" --repeat 3 --record "$out" --step "$step" \
    "${note[@]}" "$@"
}
# The same, compiled for this processor (a build of its own, in target/native).
native_row() {
  local step=$1
  shift
  echo "== $step" >&2
  RUSTFLAGS="-C target-cpu=native" CARGO_TARGET_DIR=target/native \
    cargo run --release -q -p speed --bin speed -- \
    bench-epoch --cell lstm-fast --repeat 3 --record "$out" --step "$step" \
    "${note[@]}" "$@"
}
row "1. readable LSTM of 3.2" 1 "--no-default-features" lstm "$@"
row "2. packed gates, hoisted products, fused loop (C library exp)" 1 "--no-default-features --features libm-exp" lstm-fast "$@"
row "3. + vectorisable exp" 1 "--no-default-features" lstm-fast "$@"
row "4. + AVX-512 matrix kernels" 1 "" lstm-fast "$@"
row "5. + both cores (batch split, Adam split)" 2 "" lstm-fast "$@"
native_row "6. + compiled for this processor (target-cpu=native)" "$@"
native_row "7. + lazy embedding Adam (another optimiser)" --lazy-embedding "$@"
echo "recorded in $out" >&2
