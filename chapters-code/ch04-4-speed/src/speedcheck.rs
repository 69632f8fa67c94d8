//! Does the fast path train as well? Five-epoch runs of each cell on the
//! readable and on the fast path, from the same initial weights, recorded.

use serde::{Deserialize, Serialize};

use recurrent::CellKind;
use sentiment::run::RunResult;

/// One run: its cell, optimiser variant, test accuracy and epoch times.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccuracyRun {
    pub cell: CellKind,
    pub lazy_embedding: bool,
    pub chosen_epoch: usize,
    pub test_accuracy: f64,
    /// Median training seconds per epoch.
    pub median_epoch_seconds: f64,
    pub validation_accuracy: Vec<f64>,
}

impl AccuracyRun {
    pub fn from_result(result: &RunResult) -> Self {
        let seconds: Vec<f64> = result.log.epochs.iter().map(|e| e.seconds).collect();
        AccuracyRun {
            cell: result.config.cell,
            lazy_embedding: result.config.train.lazy_embedding,
            chosen_epoch: result.log.chosen_epoch,
            test_accuracy: result.log.test_accuracy,
            median_epoch_seconds: numeric::stats::median(&seconds),
            validation_accuracy: result
                .log
                .epochs
                .iter()
                .map(|e| e.validation_accuracy)
                .collect(),
        }
    }
}

/// The record of `imdb fast-accuracy` (book/results/ch03-4-accuracy.json).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccuracyRecord {
    /// The command line, commit, date and machine that made the file.
    pub provenance: fileio::Provenance,
    pub runs: Vec<AccuracyRun>,
}

impl AccuracyRecord {
    /// The readable run of the same cell with dense Adam.
    pub fn readable_of(&self, run: &AccuracyRun) -> Option<&AccuracyRun> {
        let cell = run.cell.readable();
        self.runs
            .iter()
            .find(|r| r.cell == cell && !r.lazy_embedding)
    }

    /// Test accuracy difference to the readable run, in percentage points
    /// (`None` for the readable runs themselves).
    pub fn points_from_readable(&self, run: &AccuracyRun) -> Option<f64> {
        if run.cell == run.cell.readable() && !run.lazy_embedding {
            return None;
        }
        self.readable_of(run)
            .map(|r| 100.0 * (run.test_accuracy - r.test_accuracy))
    }

    /// One line per run, for the terminal.
    pub fn summary_lines(&self) -> Vec<String> {
        self.runs
            .iter()
            .map(|run| {
                let diff = self.points_from_readable(run).map_or(String::new(), |d| {
                    format!(", {d:+.2} points from the readable path")
                });
                format!(
                    "{}{}: test accuracy {:.4} (epoch {}), {:.2} s per epoch{diff}",
                    run.cell,
                    if run.lazy_embedding { " lazy" } else { "" },
                    run.test_accuracy,
                    run.chosen_epoch,
                    run.median_epoch_seconds
                )
            })
            .collect()
    }
}
