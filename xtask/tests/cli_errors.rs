//! A user's mistake ends `cargo xtask` with one message and exit code 1,
//! never a backtrace, even with `RUST_BACKTRACE` set.

use std::process::Command;

#[test]
fn an_unknown_benchmark_set_is_named() {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["record-benchmarks", "--set", "no-such-set"])
        .args(["--machine", "test", "--date", "2000-01-01"])
        .env("RUST_BACKTRACE", "1")
        .env("RUST_LIB_BACKTRACE", "1")
        .output()
        .expect("the xtask program starts");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.starts_with("error: unknown benchmark set 'no-such-set'"),
        "stderr:\n{stderr}"
    );
    for word in [
        "stack backtrace",
        "Stack backtrace",
        "panicked",
        "RUST_BACKTRACE",
    ] {
        assert!(!stderr.contains(word), "{word:?} in:\n{stderr}");
    }
    assert!(out.stdout.is_empty(), "recorded something before the error");
}
