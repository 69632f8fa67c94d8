//! A user's mistake ends the `imdb` program with one message and its causes
//! and exit code 1, never a backtrace, even with `RUST_BACKTRACE` set.
//! Every case fails before any work: no dataset, no network.

use std::path::Path;
use std::process::Output;

use fileio::user_error::{assert_user_error, run_as_user};

/// Run `imdb` with `args` in `dir`, as a user with backtraces turned on.
fn imdb(dir: &Path, args: &[&str]) -> Output {
    run_as_user(env!("CARGO_BIN_EXE_imdb"), dir, args)
}

/// Fault(runs): `imdb classify --run-dir` a folder that does not exist | refused, naming the folder; exit code 1
#[test]
fn classify_without_a_run_folder_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = imdb(
        dir.path(),
        &[
            "classify",
            "--run-dir",
            "/nonexistent/run",
            "A wonderful film.",
        ],
    );
    assert_user_error(&out, 1, "/nonexistent/run");
}

/// Fault(data): `imdb train` with a `--data-dir` that does not hold the dataset | refused, naming the folder; exit code 1
#[test]
fn training_without_the_data_names_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = imdb(dir.path(), &["train", "--data-dir", empty, "--epochs", "1"]);
    assert_user_error(&out, 1, empty);
}

/// Fault(data): `imdb stats` with a `--data-dir` that does not hold the dataset | refused, naming the folder; exit code 1
#[test]
fn the_statistics_without_the_data_name_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = imdb(dir.path(), &["stats", "--data-dir", empty]);
    assert_user_error(&out, 1, empty);
}

/// Fault(data): `imdb check` with a `--data-dir` that does not hold the dataset | refused, naming the folder, the cause on a line of its own; exit code 1
#[test]
fn the_check_without_the_data_says_why_it_needs_it_and_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = imdb(dir.path(), &["check", "--data-dir", empty]);
    assert_user_error(&out, 1, empty);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\n  caused by: "),
        "the cause is on a line of its own:\n{stderr}"
    );
}

/// Fault(arguments): an unknown flag (`imdb classify --no-such-flag`) | a usage error naming the flag; exit code 2
#[test]
fn an_unknown_flag_is_a_usage_error_of_clap() {
    let dir = tempfile::tempdir().unwrap();
    let out = imdb(dir.path(), &["classify", "--no-such-flag", "x"]);
    assert_user_error(&out, 2, "--no-such-flag");
}
