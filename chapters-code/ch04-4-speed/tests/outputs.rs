//! `speed` checks its settings and its results file before any work: the
//! data is not looked for (an empty `--data-dir` would be the error
//! otherwise), no progress line is printed.

use std::path::Path;
use std::process::Output;

use fileio::output::bad_outputs;
use fileio::user_error::{assert_user_error, run_as_user};

fn speed(dir: &Path, args: &[&str]) -> Output {
    run_as_user(env!("CARGO_BIN_EXE_speed"), dir, args)
}

/// The one line of standard error of a refused run.
fn only_the_error(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "more than the error:\n{stderr}");
    stderr
}

/// It printed `Lstm:` and a progress bar before the error.
/// Fault(arguments): `speed fast-accuracy --epochs 0` | refused before the data is looked for, with no progress line before the error; exit code 1
#[test]
fn zero_epochs_are_refused_before_anything_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let output = speed(
        dir.path(),
        &[
            "fast-accuracy",
            "--epochs",
            "0",
            "--data-dir",
            empty,
            "--out",
            "a.json",
        ],
    );
    assert_user_error(&output, 1, "error: epochs is 0");
    only_the_error(&output);
}

/// Fault(output): `speed fast-accuracy`, `compare-pytorch` with `--out`, or `bench-epoch` with `--record`, a folder, a path in a missing folder or below a file, or in a folder that cannot be written | refused before the data (or Python) is looked for, naming the path; exit code 1
#[test]
fn an_output_that_cannot_be_written_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let empty = empty.to_str().unwrap();
    for out in bad_outputs(dir.path()) {
        let out = out.to_str().unwrap();
        let cases = [
            (
                vec!["fast-accuracy", "--data-dir", empty, "--out", out],
                "--out",
            ),
            (
                vec![
                    "compare-pytorch",
                    "--python",
                    "/nonexistent/python",
                    "--data-dir",
                    empty,
                    "--out",
                    out,
                ],
                "--out",
            ),
            (
                vec![
                    "bench-epoch",
                    "--data-dir",
                    empty,
                    "--record",
                    out,
                    "--step",
                    "x",
                ],
                "--record",
            ),
        ];
        for (args, flag) in cases {
            let output = speed(dir.path(), &args);
            assert_user_error(&output, 1, &format!("error: {flag} {out}: "));
        }
    }
}
