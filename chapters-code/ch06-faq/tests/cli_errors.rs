//! A user's mistake ends the `faq` program with one message and its causes
//! and exit code 1, never a backtrace, even with `RUST_BACKTRACE` set.
//! The case fails before any work: no dataset, no network.

use std::path::Path;
use std::process::{Command, Output};

/// Run `faq` with `args` in `dir`, as a user with backtraces turned on.
fn faq(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faq"))
        .args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "1")
        .env("RUST_LIB_BACKTRACE", "1")
        .output()
        .expect("the faq program starts")
}

#[test]
fn the_padding_experiment_without_the_data_says_why_and_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = faq(dir.path(), &["padding", "--quick", "--data-dir", empty]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.starts_with("error: the padding experiment trains on the IMDB reviews\n"),
        "stderr:\n{stderr}"
    );
    assert!(
        stderr.contains(&format!("\n  caused by: {empty}: ")),
        "the folder is named in a cause of its own:\n{stderr}"
    );
    for word in [
        "stack backtrace",
        "Stack backtrace",
        "panicked",
        "RUST_BACKTRACE",
    ] {
        assert!(!stderr.contains(word), "{word:?} in:\n{stderr}");
    }
    assert!(out.stdout.is_empty(), "printed results before the error");
}

#[test]
fn an_adding_problem_shorter_than_two_steps_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    for length in ["0", "1"] {
        let out = faq(dir.path(), &["adding", "--quick", "--lengths", length]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
        assert!(
            stderr.starts_with(&format!("error: --lengths {length}: ")),
            "stderr:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "stderr:\n{stderr}");
        assert!(!dir.path().join("target").exists(), "nothing is written");
    }
}
