//! Section 3.4's table of steps: `imdb bench-epoch --record FILE --step NAME`
//! adds one row per build and setting (`compare/steps.sh` runs them all),
//! and the book's build renders the file with each row's speed-up.

use std::path::Path;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use recurrent::CellKind;

/// One configuration, timed over a few epochs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StepRow {
    pub step: String,
    pub cell: CellKind,
    pub lazy_embedding: bool,
    /// Cargo features of the build (`avx512`, `libm-exp`).
    pub features: Vec<String>,
    pub threads: usize,
    pub epoch_seconds: Vec<f64>,
    pub median_seconds: f64,
    pub batches: usize,
    pub peak_memory_mib: f64,
}

/// The recorded steps, in the order they were added.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StepsRecord {
    /// The script that makes the table, with the commit, date and machine
    /// of its last row (each row is its own `speed bench-epoch --record` run).
    pub provenance: fileio::Provenance,
    pub rows: Vec<StepRow>,
}

/// The command that makes the whole table, as its provenance records it.
pub const STEPS_COMMAND: &str =
    "bash compare/steps.sh (one `speed bench-epoch --record` run per row)";

/// Add `row` to the record at `path` (created if missing), replacing a row
/// of the same name; `provenance` is that of the run that measured it.
pub fn record(path: &Path, mut provenance: fileio::Provenance, row: StepRow) -> Result<()> {
    let mut steps: StepsRecord = if path.is_file() {
        fileio::load_json(path, "`speed bench-epoch --record`")?
    } else {
        StepsRecord {
            provenance: provenance.clone(),
            rows: Vec::new(),
        }
    };
    provenance.command = STEPS_COMMAND.to_owned();
    steps.provenance = provenance;
    match steps.rows.iter_mut().find(|r| r.step == row.step) {
        Some(old) => *old = row,
        None => steps.rows.push(row),
    }
    fileio::save_json(path, &steps)?;
    Ok(())
}

/// The steps as a Markdown table: each row's speed-up over the previous
/// row and over the first.
pub fn table(steps: &StepsRecord) -> String {
    let mut text = format!(
        "{} The median of {} epochs per row, one build per row.\n\n\
         | Step | Build features | Threads | Epoch (median) | Speed-up of this step | Speed-up so far |\n|---|---|---|---|---|---|\n",
        steps.provenance.caption(),
        steps.rows.first().map_or(0, |r| r.epoch_seconds.len()),
    );
    let first = steps.rows.first().map(|r| r.median_seconds);
    let mut previous: Option<f64> = None;
    for row in &steps.rows {
        let features = if row.features.is_empty() {
            "none".to_owned()
        } else {
            row.features.join(", ")
        };
        let this_step = previous.map_or("–".to_owned(), |p| {
            format!("{:.2}×", p / row.median_seconds)
        });
        let so_far = first.map_or("–".to_owned(), |f| {
            format!("{:.2}×", f / row.median_seconds)
        });
        text.push_str(&format!(
            "| {} | {features} | {} | {:.2} s | {this_step} | {so_far} |\n",
            row.step, row.threads, row.median_seconds
        ));
        previous = Some(row.median_seconds);
    }
    text
}
