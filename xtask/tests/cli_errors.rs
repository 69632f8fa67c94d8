//! A user's mistake ends `cargo xtask` with one message and exit code 1,
//! never a backtrace, even with `RUST_BACKTRACE` set.

use fileio::user_error::{assert_user_error, run_as_user};

/// Fault(arguments): `cargo xtask record-benchmarks --set` a set no crate declares | refused, naming it; exit code 1
#[test]
fn an_unknown_benchmark_set_is_named() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = run_as_user(
        env!("CARGO_BIN_EXE_xtask"),
        &root,
        &[
            "record-benchmarks",
            "--set",
            "no-such-set",
            "--machine",
            "test",
        ],
    );
    assert_user_error(&out, 1, "error: unknown benchmark set 'no-such-set'");
}
