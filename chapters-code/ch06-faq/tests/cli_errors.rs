//! A user's mistake ends the `faq` program with one message and its causes
//! and exit code 1, never a backtrace, even with `RUST_BACKTRACE` set.
//! The case fails before any work: no dataset, no network.

use std::path::Path;
use std::process::Output;

use fileio::user_error::{assert_user_error, run_as_user};

/// Run `faq` with `args` in `dir`, as a user with backtraces turned on.
fn faq(dir: &Path, args: &[&str]) -> Output {
    run_as_user(env!("CARGO_BIN_EXE_faq"), dir, args)
}

/// Fault(data): `faq padding` with a `--data-dir` that does not hold the dataset | refused, saying the experiment needs the IMDB reviews and naming the folder; exit code 1
#[test]
fn the_padding_experiment_without_the_data_says_why_and_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = faq(dir.path(), &["padding", "--quick", "--data-dir", empty]);
    assert_user_error(&out, 1, &format!("\n  caused by: {empty}: "));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: the padding experiment trains on the IMDB reviews\n"),
        "stderr:\n{stderr}"
    );
}

/// Fault(arguments): `faq adding --lengths 0` or `1` | refused before any work, naming the value; nothing written; exit code 1
#[test]
fn an_adding_problem_shorter_than_two_steps_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    for length in ["0", "1"] {
        let out = faq(dir.path(), &["adding", "--quick", "--lengths", length]);
        assert_user_error(&out, 1, &format!("error: --lengths {length}: "));
        assert!(!dir.path().join("target").exists(), "nothing is written");
    }
}
