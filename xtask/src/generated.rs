//! Tables that the book includes and that the build computes afresh, so that
//! no number on those pages is typed by hand.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use vanilla_rnn::gradcheck::GradReport;

use crate::bench_record::{Recording, table};
use vanilla_rnn::suite::TOLERANCE;

/// Write every generated table into `dir`; returns their paths.
pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join("gradcheck-summary.md");
    let mut reports = vanilla_rnn::suite::reports();
    reports.extend(lstm::suite::reports());
    reports.extend(gru::suite::reports());
    figures::write_atomically(&path, gradcheck_table(&reports).as_bytes())?;
    let mut written = vec![path];
    for set in ["ch03", "ch03-4"] {
        let recorded = crate::figures::recorded(dir, &format!("{set}-benchmarks.json"));
        let text = std::fs::read_to_string(&recorded).with_context(|| {
            format!("cannot read the recorded benchmarks {}", recorded.display())
        })?;
        let recording: Recording = serde_json::from_str(&text).with_context(|| {
            format!("{} is not a benchmark recording", recorded.display())
        })?;
        let bench_path = dir.join(format!("{set}-benchmarks.md"));
        figures::write_atomically(&bench_path, table(&recording).as_bytes())?;
        written.push(bench_path);
    }
    let imdb_path = dir.join("ch04-results.md");
    let results = crate::figures::recorded(dir, "ch04-imdb.json");
    figures::write_atomically(
        &imdb_path,
        imdb_sentiment::figures::results_table(&results)?.as_bytes(),
    )?;
    written.push(imdb_path);
    Ok(written)
}

/// One row per checked case: how much was checked and the worst relative error.
pub fn gradcheck_table(reports: &[(String, GradReport)]) -> String {
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
