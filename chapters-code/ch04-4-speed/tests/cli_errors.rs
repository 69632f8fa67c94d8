//! A user's mistake ends the `speed` program with one message and its causes
//! and exit code 1, never a backtrace, even with `RUST_BACKTRACE` set.
//! Every case fails before any work: no dataset, no network, no Python.

use std::path::Path;
use std::process::Output;

use fileio::user_error::{assert_user_error, run_as_user};

/// Run `speed` with `args` in `dir`, as a user with backtraces turned on.
fn speed(dir: &Path, args: &[&str]) -> Output {
    run_as_user(env!("CARGO_BIN_EXE_speed"), dir, args)
}

/// Fault(data): `speed bench-epoch` with a `--data-dir` that does not hold the dataset | refused, naming the folder; exit code 1
#[test]
fn timing_an_epoch_without_the_data_names_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = speed(dir.path(), &["bench-epoch", "--data-dir", empty]);
    assert_user_error(&out, 1, empty);
}

/// Fault(data): `speed fast-accuracy` with a `--data-dir` that does not hold the dataset | refused, naming the folder; exit code 1
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
    assert_user_error(&out, 1, empty);
}

/// Fault(arguments): `speed compare-pytorch --python` a program that does not exist | refused, naming it; exit code 1
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
    assert_user_error(&out, 1, "/nonexistent/bin/python");
}
