//! `seq2seq train` and `seq2seq bottleneck` check their results file
//! before they train, and give the same results, bit for bit, for the same
//! seed.

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use fileio::determinism::results_of;
use fileio::output::bad_outputs;
use fileio::user_error::{assert_user_error, run_as_user};

const SEQ2SEQ: &str = env!("CARGO_BIN_EXE_seq2seq");

fn seq2seq(dir: &Path, args: &[&str]) -> Output {
    run_as_user(SEQ2SEQ, dir, args)
}

/// The book's run (minutes) would end with the error if `--out` were not
/// checked first: the refusal must come at once.
/// Fault(output): `seq2seq train --out` or `seq2seq bottleneck --out` a folder, a path in a missing folder or below a file, or in a folder that cannot be written | refused at once, before training, naming the path; exit code 1
#[test]
fn an_output_that_cannot_be_written_is_refused_before_training() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["train", "bottleneck"] {
        for out in bad_outputs(dir.path()) {
            let start = Instant::now();
            let output = seq2seq(dir.path(), &[command, "--out", out.to_str().unwrap()]);
            assert_user_error(&output, 1, &format!("error: --out {}: ", out.display()));
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{command}: not at once"
            );
        }
    }
}

#[test]
fn the_bottleneck_quick_form_gives_the_same_results_on_one_thread_or_two() {
    let one = [
        "bottleneck",
        "--quick",
        "--threads",
        "1",
        "--out",
        "results.json",
    ];
    let two = [
        "bottleneck",
        "--quick",
        "--threads",
        "2",
        "--out",
        "results.json",
    ];
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = results_of(SEQ2SEQ, a.path(), &one, "results.json");
    let second = results_of(SEQ2SEQ, b.path(), &two, "results.json");
    assert_eq!(
        first["runs"], second["runs"],
        "the runs do not depend on the threads"
    );
    assert_eq!(first["runs"].as_array().map(Vec::len), Some(4));
}

#[test]
fn the_quick_form_twice_with_one_seed_gives_identical_results() {
    let args = ["train", "--quick", "--seed", "3", "--out", "results.json"];
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = results_of(SEQ2SEQ, a.path(), &args, "results.json");
    assert_eq!(
        first["provenance"]["command"], "seq2seq train --quick --seed 3 --out results.json",
        "the command line as typed"
    );
    assert_eq!(first, results_of(SEQ2SEQ, b.path(), &args, "results.json"));
}
