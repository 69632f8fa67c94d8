//! A user's mistake ends the `imdb` program with one message and its causes
//! and exit code 1, never a backtrace, even with `RUST_BACKTRACE` set.
//! Every case fails before any work: no dataset, no network.

use std::path::Path;
use std::process::{Command, Output};

/// Run `imdb` with `args` in `dir`, as a user with backtraces turned on.
fn imdb(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imdb"))
        .args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "1")
        .env("RUST_LIB_BACKTRACE", "1")
        .output()
        .expect("the imdb program starts")
}

/// `output` ends with exit code `code` and an error that starts standard
/// error, names `named`, and shows neither a backtrace nor a panic.
fn assert_error(output: &Output, code: i32, named: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "stderr:\n{stderr}");
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
    assert_error(&out, 1, "/nonexistent/run");
}

#[test]
fn training_without_the_data_names_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = imdb(dir.path(), &["train", "--data-dir", empty, "--epochs", "1"]);
    assert_error(&out, 1, empty);
}

#[test]
fn the_statistics_without_the_data_name_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = imdb(dir.path(), &["stats", "--data-dir", empty]);
    assert_error(&out, 1, empty);
}

#[test]
fn the_check_without_the_data_says_why_it_needs_it_and_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = imdb(dir.path(), &["check", "--data-dir", empty]);
    assert_error(&out, 1, empty);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\n  caused by: "),
        "the cause is on a line of its own:\n{stderr}"
    );
}

#[test]
fn an_unknown_flag_is_a_usage_error_of_clap() {
    let dir = tempfile::tempdir().unwrap();
    let out = imdb(dir.path(), &["classify", "--no-such-flag", "x"]);
    assert_error(&out, 2, "--no-such-flag");
}
