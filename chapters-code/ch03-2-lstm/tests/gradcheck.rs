//! Gradient checks of the LSTM: every parameter, x, h_0 and C_0, for one step
//! and for a sequence, in f64.

use gradcheck::suite::{TOLERANCE, assert_reports};
use lstm::suite::{Problem, reports};

#[test]
fn gradcheck_lstm_one_step_and_sequence() {
    assert_reports(&reports(), 2);
}

#[test]
fn gradcheck_lstm_detects_a_corrupted_gate_gradient() {
    let mut problem = Problem::new(5, 23);
    let mut grads = problem.analytic();
    grads.params.w_hf[[2, 3]] -= 1e-3;
    let report = problem.check(&grads);
    let failures = report.failures(TOLERANCE);
    assert_eq!(failures.len(), 1, "{report}");
    assert_eq!(
        (
            failures[0].name.as_str(),
            failures[0].worst_index.as_slice()
        ),
        ("w_hf", &[2, 3][..])
    );
}
