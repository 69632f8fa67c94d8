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

/// It said "Permission denied" with no path, after reading all the data.
/// Fault(runs): `imdb train --run-dir` a folder that cannot be made or written (a file in the way) | refused before the data is looked for, naming the run folder; exit code 1
#[test]
fn a_run_folder_that_cannot_be_made_is_named_before_the_data_is_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "not a folder").unwrap();
    let run_dir = dir.path().join("a-file").join("run");
    let data = dir.path().join("no-data");
    let out = imdb(
        dir.path(),
        &[
            "train",
            "--data-dir",
            data.to_str().unwrap(),
            "--run-dir",
            run_dir.to_str().unwrap(),
        ],
    );
    assert_user_error(
        &out,
        1,
        &format!("cannot create the run folder {}", run_dir.display()),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("no-data"),
        "the data was looked for first:\n{stderr}"
    );
}

/// Fault(output): `imdb experiments --out` a folder, a path in a missing folder or below a file, or in a folder that cannot be written | refused before the data is looked for, naming the path; exit code 1
#[test]
fn an_experiments_output_that_cannot_be_written_is_refused_before_the_data_is_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("no-data").display().to_string();
    let runs = dir.path().join("runs").display().to_string();
    for out in fileio::output::bad_outputs(dir.path()) {
        let out = out.display().to_string();
        let args = [
            "experiments",
            "--out",
            &out,
            "--data-dir",
            &data,
            "--runs",
            &runs,
        ];
        assert_user_error(
            &imdb(dir.path(), &args),
            1,
            &format!("error: --out {out}: "),
        );
    }
}
