//! A user's mistake ends the `speed` program with one message and its causes
//! and exit code 1, never a backtrace, even with `RUST_BACKTRACE` set.
//! Every case fails before any work: no dataset, no network, no Python.

use std::path::Path;
use std::process::{Command, Output};

/// Run `speed` with `args` in `dir`, as a user with backtraces turned on.
fn speed(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_speed"))
        .args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "1")
        .env("RUST_LIB_BACKTRACE", "1")
        .output()
        .expect("the speed program starts")
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
    assert!(output.stdout.is_empty(), "printed results before the error");
}

#[test]
fn timing_an_epoch_without_the_data_names_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = speed(dir.path(), &["bench-epoch", "--data-dir", empty]);
    assert_user_error(&out, empty);
}

#[test]
fn the_accuracy_comparison_without_the_data_names_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = speed(
        dir.path(),
        &[
            "fast-accuracy",
            "--data-dir",
            empty,
            "--out",
            "accuracy.json",
        ],
    );
    assert_user_error(&out, empty);
}

#[test]
fn comparing_with_a_missing_python_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = speed(
        dir.path(),
        &[
            "compare-pytorch",
            "--python",
            "/nonexistent/bin/python",
            "--data-dir",
            empty,
            "--out",
            "pytorch.json",
        ],
    );
    assert_user_error(&out, "/nonexistent/bin/python");
}
