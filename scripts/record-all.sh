#!/usr/bin/env bash
# Re-record every results file the book renders (book/results/*.json), one
# command after another, on one machine: what issue #14 calls "fresh results".
#
#   bash scripts/record-all.sh ARCHIVE [PYTHON]
#
# ARCHIVE is the IMDB archive (aclImdb_v1.tar.gz or aclImdb_v1_labeled.tar.gz);
# PYTHON a Python with PyTorch and NumPy for the comparison of section 4.4
# (without it that file is not re-recorded, and the script says so).
# Each program records its own provenance (command line, commit, date,
# processor and cores). Commit first: a dirty tree is recorded as such.
# Set MACHINE to add a note on the machine (e.g. MACHINE="shared VM").
# Set ONLY to a space-separated list of groups to run just those
# (data, char-lm, ch03-benchmarks, steps, speed, pytorch).
# The timed measurements come last and want a machine doing nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
archive=${1:?usage: bash scripts/record-all.sh ARCHIVE [PYTHON]}
python=${2:-}
data=(--archive "$archive" --cache target/imdb-cache)
note=()
[ -n "${MACHINE:-}" ] && note=(--machine "$MACHINE")
wants() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }
step() { printf '\n=== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)" >&2; }
run() { cargo run --release -q "$@"; }

if wants data; then
  step "chapter 4: the data's statistics and the five models"
  run -p imdb-sentiment --bin imdb -- stats "${data[@]}" --out book/results/ch04-imdb-stats.json "${note[@]}"
  rm -rf target/record-runs
  run -p imdb-sentiment --bin imdb -- experiments "${data[@]}" --runs target/record-runs \
    --out book/results/ch04-imdb.json "${note[@]}"
  run -p imdb-sentiment --bin imdb -- baseline "${data[@]}" "${note[@]}"
  run -p imdb-sentiment --bin imdb -- final "${data[@]}" "${note[@]}"
  step "section 4.2: sequence to sequence, the bottleneck and beam search"
  run -p seq2seq --bin seq2seq -- train "${note[@]}"
  run -p seq2seq --bin seq2seq -- bottleneck "${note[@]}"
  step "chapter 5: the minGRU on the adding problem"
  run -p future --bin future -- adding "${note[@]}"
  step "chapter 6: gradients, the adding problem, padding"
  run -p faq-experiments --bin faq -- gradients "${note[@]}"
  run -p faq-experiments --bin faq -- adding "${note[@]}"
  run -p faq-experiments --bin faq -- padding "${data[@]}" "${note[@]}"
fi
if wants char-lm; then
  step "section 4.3: the character model (it learns from the Rust standard library's source: rustup component add rust-src)"
  run -p char-lm --bin char-lm -- train "${note[@]}"
fi
if wants ch03-benchmarks; then
  step "chapter 3 and section 3.4: criterion benchmarks"
  cargo bench -q -p vanilla-rnn -p lstm -p gru
  cargo xtask record-benchmarks --set ch03 "${note[@]}"
  cargo bench -q -p fast-rnn
  cargo xtask record-benchmarks --set ch03-4 "${note[@]}"
  cargo bench -q -p speed
  cargo xtask record-benchmarks --set ch03-4-step "${note[@]}"
  step "chapter 5: the minGRU's benchmarks"
  cargo bench -q -p future
  cargo xtask record-benchmarks --set ch05 "${note[@]}"
fi
if wants steps; then
  step "section 4.4: the table of steps (one build per row)"
  bash compare/steps.sh "${data[@]}"
fi
if wants speed; then
  step "section 4.4: accuracy on both paths, the machine's peak"
  run -p speed --bin speed -- fast-accuracy "${data[@]}" "${note[@]}"
  run -p speed --bin speed -- peak ${python:+--python "$python"} "${note[@]}"
fi
if wants pytorch; then
  if [ -n "$python" ]; then
    step "section 4.4: against PyTorch, in one run"
    run -p speed --bin speed -- compare-pytorch --python "$python" "${data[@]}" "${note[@]}"
  else
    echo "no PYTHON given: book/results/ch03-4-pytorch.json is not re-recorded" >&2
  fi
fi
step "done: now run cargo xtask book"
