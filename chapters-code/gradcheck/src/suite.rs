//! What every gradient-check suite of the book shares: the step, the
//! tolerance, and one assertion that prints every report.

use crate::GradReport;

/// Finite-difference step of every check in the book.
pub const EPS: f64 = 1e-6;
/// The largest relative error any check accepts.
pub const TOLERANCE: f64 = 1e-6;

/// Print every report and panic, naming the case, if one is above [`TOLERANCE`];
/// `expected` guards against a suite that silently checks fewer cases.
pub fn assert_reports(reports: &[(String, GradReport)], expected: usize) {
    assert_eq!(reports.len(), expected, "the suite checks {expected} cases");
    for (case, report) in reports {
        println!("{case}:\n{report}");
        if let Err(message) = report.verdict(TOLERANCE) {
            panic!("{case}: {message}");
        }
    }
}
