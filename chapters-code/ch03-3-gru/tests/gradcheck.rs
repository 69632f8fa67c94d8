//! Gradient checks of the GRU in both forms: every parameter, x and h_0, for
//! one step and for a sequence, in f64, from a non-zero h_0.

use gradcheck::suite::{TOLERANCE, assert_reports};
use gru::GruForm;
use gru::suite::{Problem, reports};

#[test]
fn gradcheck_gru_both_forms_one_step_and_sequence() {
    assert_reports(&reports(), 4);
}

/// The reset-before backward pass applied to a reset-after layer (the
/// classic mix-up) must fail the check, and the check must name w_hn.
#[test]
fn gradcheck_gru_catches_the_wrong_form() {
    let mut problem = Problem::new(GruForm::ResetAfter, 6, 35);
    let mut before = problem.gru.clone();
    before.b_hn = None;
    let trace = before.forward(problem.x.view(), Some(problem.h0.view()));
    let wrong = before.backward(problem.x.view(), &trace, problem.r.view());
    let mut grads = problem.analytic();
    grads.params.w_hn = wrong.params.w_hn;
    let report = problem.check(&grads);
    let failures: Vec<&str> = report
        .failures(TOLERANCE)
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(failures, vec!["w_hn"], "{report}");
}
