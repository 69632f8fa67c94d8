//! Appendix A's summary: one row per checked case of every chapter's suite.

use crate::GradReport;
use crate::suite::TOLERANCE;

/// One row per checked case: how much was checked and the worst relative error.
pub fn table(reports: &[(String, GradReport)]) -> String {
    let mut table = String::from(
        "| Case | Tensors | Elements | Worst tensor | Worst element | Relative error | Within 1e-6 |\n|---|---|---|---|---|---|---|\n",
    );
    for (case, report) in reports {
        let worst = report.worst();
        let elements: usize = report.tensors.iter().map(|t| t.checked).sum();
        table.push_str(&format!(
            "| {case} | {} | {elements} | `{}` | {:?} | {:.1e} | {} |\n",
            report.tensors.len(),
            worst.name,
            worst.worst_index,
            worst.rel_error,
            if report.failures(TOLERANCE).is_empty() {
                "yes"
            } else {
                "**no**"
            },
        ));
    }
    table
}
