//! What a user sees when a program refuses its input, checked by the
//! programs' tests: run the real binary as a user with backtraces turned
//! on, and assert one clear message.

use std::path::Path;
use std::process::{Command, Output};

/// Run `program` (a test's `env!("CARGO_BIN_EXE_…")`) with `args` in `dir`,
/// as a user with `RUST_BACKTRACE` and `RUST_LIB_BACKTRACE` set.
pub fn run_as_user(program: &str, dir: &Path, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "1")
        .env("RUST_LIB_BACKTRACE", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"))
}

/// Panic unless `output` ended with exit code `code`, starts standard error
/// with `error: `, names `named` there, shows neither a backtrace nor a
/// panic, and printed nothing on standard output.
pub fn assert_user_error(output: &Output, code: i32, named: &str) {
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
