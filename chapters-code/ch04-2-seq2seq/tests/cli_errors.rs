//! A user's mistake ends the `seq2seq` program with one message and exit
//! code 1, never a backtrace, even with `RUST_BACKTRACE` set; it is found
//! before any training.

use std::path::Path;
use std::process::Output;

use fileio::user_error::{assert_user_error, run_as_user};

/// Run `seq2seq` with `args` in `dir`, as a user with backtraces turned on.
fn seq2seq(dir: &Path, args: &[&str]) -> Output {
    run_as_user(env!("CARGO_BIN_EXE_seq2seq"), dir, args)
}

/// Fault(arguments): `seq2seq train --require 1.5` (a share above one) | refused before training, naming the value; exit code 1
#[test]
fn a_required_exact_match_above_one_is_refused_before_training() {
    let dir = tempfile::tempdir().unwrap();
    let out = seq2seq(dir.path(), &["train", "--quick", "--require", "1.5"]);
    assert_user_error(&out, 1, "--require 1.5");
}

/// Fault(arguments): `seq2seq train --require NaN` | refused before training, naming the value; exit code 1
#[test]
fn a_required_exact_match_that_is_not_a_number_is_refused_before_training() {
    let dir = tempfile::tempdir().unwrap();
    let out = seq2seq(dir.path(), &["train", "--quick", "--require", "NaN"]);
    assert_user_error(&out, 1, "--require NaN");
}
