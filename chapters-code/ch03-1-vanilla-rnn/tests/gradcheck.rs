//! Gradient checks of the vanilla layer: every parameter, x and h_0, for one
//! step and for a sequence, in f64. Run only the book's gradient checks with
//! `cargo test --workspace gradcheck -- --nocapture`.

use gradcheck::suite::{TOLERANCE, assert_reports};
use vanilla_rnn::suite::{Problem, reports};

#[test]
fn gradcheck_vanilla_one_step_and_sequence() {
    assert_reports(&reports(), 2);
}

#[test]
fn gradcheck_detects_a_corrupted_element() {
    let mut problem = Problem::new(6, 13);
    let mut grads = problem.analytic();
    grads.0.params.w_hh[[1, 2]] += 1e-3;
    let report = problem.check(&grads);
    let failures = report.failures(TOLERANCE);
    assert_eq!(
        failures.len(),
        1,
        "exactly the corrupted tensor fails:\n{report}"
    );
    assert_eq!(failures[0].name, "w_hh");
    assert_eq!(failures[0].worst_index, vec![1, 2]);
    let message = report.verdict(TOLERANCE).unwrap_err();
    assert!(
        message.contains("w_hh") && message.contains("[1, 2]"),
        "{message}"
    );
}
