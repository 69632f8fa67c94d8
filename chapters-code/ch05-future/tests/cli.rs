//! The `future` program: help for every option, its results file checked
//! before any training, one message and exit code 1 on a user's mistake,
//! and the same results for the same seed.

use std::time::{Duration, Instant};

use fileio::determinism::results_of;
use fileio::output::bad_outputs;
use fileio::user_error::{assert_user_error, run_as_user};

const FUTURE: &str = env!("CARGO_BIN_EXE_future");

#[test]
fn every_option_of_every_subcommand_has_help_text() {
    let missing = fileio::help::undocumented(FUTURE);
    assert!(
        missing.is_empty(),
        "options without help text:\n{}",
        missing.join("\n")
    );
}

/// Fault(output): `future adding --out` a folder, a path in a missing folder or below a file, or in a folder that cannot be written | refused at once, before training, naming the path; exit code 1
#[test]
fn an_output_that_cannot_be_written_is_refused_before_training() {
    let dir = tempfile::tempdir().unwrap();
    for out in bad_outputs(dir.path()) {
        let start = Instant::now();
        let output = run_as_user(
            FUTURE,
            dir.path(),
            &["adding", "--out", out.to_str().unwrap()],
        );
        assert_user_error(&output, 1, &format!("error: --out {}: ", out.display()));
        assert!(start.elapsed() < Duration::from_secs(10), "not at once");
    }
}

#[test]
fn the_quick_form_twice_with_one_seed_gives_identical_results() {
    let args = ["adding", "--quick", "--seed", "4", "--out", "results.json"];
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = results_of(FUTURE, a.path(), &args, "results.json");
    assert_eq!(
        first["provenance"]["command"],
        "future adding --quick --seed 4 --out results.json"
    );
    assert_eq!(first["runs"].as_array().map(Vec::len), Some(2));
    assert_eq!(first, results_of(FUTURE, b.path(), &args, "results.json"));
}
