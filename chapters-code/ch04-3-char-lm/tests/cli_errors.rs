//! A user's mistake ends the `char-lm` program with one message and its
//! causes and exit code 1, never a backtrace, even with `RUST_BACKTRACE` set.
//! Every case fails before any training.

use std::path::Path;
use std::process::Output;

use fileio::user_error::{assert_user_error, run_as_user};

/// Run `char-lm` with `args` in `dir`, as a user with backtraces turned on.
fn char_lm(dir: &Path, args: &[&str]) -> Output {
    run_as_user(env!("CARGO_BIN_EXE_char-lm"), dir, args)
}

/// Fault(input text): `char-lm train --text` a folder that does not exist | refused, naming the folder; exit code 1
#[test]
fn a_missing_text_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = char_lm(
        dir.path(),
        &["train", "--text", "/nonexistent/folder", "--quick"],
    );
    assert_user_error(&out, 1, "/nonexistent/folder");
}

/// Fault(input text): `char-lm train --text` a folder with no Markdown file | refused, naming the folder; exit code 1
#[test]
fn a_folder_without_markdown_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = char_lm(dir.path(), &["train", "--text", empty, "--quick"]);
    assert_user_error(&out, 1, empty);
}

/// Fault(input text): a text too short to fill the training streams | refused, saying it is too short and naming the folder; exit code 1
#[test]
fn a_text_too_short_for_the_streams_is_refused_naming_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("short.md"), "Far too short a text.").unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = char_lm(dir.path(), &["train", "--text", folder, "--quick"]);
    assert_user_error(&out, 1, "too few for");
    assert_user_error(&out, 1, folder);
}

/// Fault(input text): `char-lm train --rust-src` a folder without `alloc/src` and `core/src` | refused, naming the folder it expected; exit code 1
#[test]
fn a_rust_source_folder_without_the_crates_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = char_lm(dir.path(), &["train", "--rust-src", folder, "--quick"]);
    assert_user_error(&out, 1, "expected library/alloc/src of rust-src");
    assert_user_error(&out, 1, folder);
}
