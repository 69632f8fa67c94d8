//! A user's mistake ends the `char-lm` program with one message and its
//! causes and exit code 1, never a backtrace, even with `RUST_BACKTRACE` set.
//! Every case fails before any training.

use std::path::Path;
use std::process::{Command, Output};

/// Run `char-lm` with `args` in `dir`, as a user with backtraces turned on.
fn char_lm(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_char-lm"))
        .args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "1")
        .env("RUST_LIB_BACKTRACE", "1")
        .output()
        .expect("the char-lm program starts")
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
fn a_missing_text_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = char_lm(
        dir.path(),
        &["train", "--text", "/nonexistent/folder", "--quick"],
    );
    assert_user_error(&out, "/nonexistent/folder");
}

#[test]
fn a_folder_without_markdown_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = char_lm(dir.path(), &["train", "--text", empty, "--quick"]);
    assert_user_error(&out, empty);
}

#[test]
fn a_text_too_short_for_the_streams_is_refused_naming_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("short.md"), "Far too short a text.").unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = char_lm(dir.path(), &["train", "--text", folder, "--quick"]);
    assert_user_error(&out, "too few for");
    assert_user_error(&out, folder);
}
