//! A user's mistake ends the `seq2seq` program with one message and exit
//! code 1, never a backtrace, even with `RUST_BACKTRACE` set; it is found
//! before any training.

use std::process::{Command, Output};

/// Run `seq2seq` with `args` in `dir`, as a user with backtraces turned on.
fn seq2seq(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seq2seq"))
        .args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "1")
        .env("RUST_LIB_BACKTRACE", "1")
        .output()
        .expect("the seq2seq program starts")
}

/// `output` ends with exit code 1 and an error that starts standard error,
/// names `named`, and shows neither a backtrace nor a panic.
fn assert_user_error(output: &Output, named: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(stderr.starts_with("error: "), "stderr:\n{stderr}");
    assert!(stderr.contains(named), "{named:?} not named in:\n{stderr}");
    for word in [
        "stack backtrace",
        "Stack backtrace",
        "panicked",
        "RUST_BACKTRACE",
    ] {
        assert!(!stderr.contains(word), "{word:?} in:\n{stderr}");
    }
    assert!(output.stdout.is_empty(), "trained before the error");
}

#[test]
fn a_required_exact_match_above_one_is_refused_before_training() {
    let dir = tempfile::tempdir().unwrap();
    let out = seq2seq(dir.path(), &["train", "--quick", "--require", "1.5"]);
    assert_user_error(&out, "--require 1.5");
}

#[test]
fn a_required_exact_match_that_is_not_a_number_is_refused_before_training() {
    let dir = tempfile::tempdir().unwrap();
    let out = seq2seq(dir.path(), &["train", "--quick", "--require", "NaN"]);
    assert_user_error(&out, "--require NaN");
}
