//! The tables and the figure of section 3.4's measurements, drawn from the
//! recorded results of `imdb compare-pytorch` and `imdb fast-accuracy`.

use std::path::{Path, PathBuf};

use anyhow::Result;
use figures::{LineChart, Series};

use crate::compare::Comparison;
use crate::speedcheck::AccuracyRecord;
use recurrent::CellKind;

/// Which path computes a kind.
fn path_name(cell: CellKind, lazy: bool) -> &'static str {
    match (cell == cell.readable(), lazy) {
        (true, _) => "readable (chapter 3)",
        (false, false) => "fast (3.4)",
        (false, true) => "fast (3.4), lazy embedding Adam",
    }
}

pub fn load_comparison(path: &Path) -> Result<Comparison> {
    Ok(fileio::load_json(path, "`speed compare-pytorch`")?)
}

pub fn load_accuracy(path: &Path) -> Result<AccuracyRecord> {
    Ok(fileio::load_json(path, "`speed fast-accuracy`")?)
}

/// The same-run comparison with PyTorch as a Markdown table.
pub fn comparison_table(c: &Comparison) -> String {
    let version = c.pytorch["torch"].as_str().unwrap_or("unknown");
    let threads = &c.pytorch["threads"];
    let mut text = format!(
        "{} {} training reviews, {} batches of 32 per epoch, \
         one epoch of ours then one of PyTorch {version} ({threads} threads), alternating, \
         {} rounds per cell. Peak memory of our process: {:.0} MiB.\n\n\
         | Cell | Our epoch (median) | PyTorch's epoch (median) | Ratio ours / PyTorch | Speed-up |\n|---|---|---|---|---|\n",
        c.provenance.caption(),
        c.reviews,
        c.batches,
        c.rounds
            .iter()
            .filter(|r| r.cell == c.rounds[0].cell)
            .count(),
        c.rust_peak_memory_mib,
    );
    for s in &c.summary {
        text.push_str(&format!(
            "| {} | {:.2} s | {:.2} s | {:.2} | {:.2}× |\n",
            s.cell.name(),
            s.rust_median_seconds,
            s.pytorch_median_seconds,
            s.ratio,
            1.0 / s.ratio
        ));
    }
    text
}

/// Five-epoch accuracy on both paths as a Markdown table.
pub fn accuracy_table(a: &AccuracyRecord) -> String {
    let mut text = format!(
        "{} The article's model, masked head (c), the same initial weights on both paths.\n\n\
         | Cell | Path | Test accuracy | Points from the readable path | Epoch chosen on validation | Seconds per epoch (median) |\n|---|---|---|---|---|---|\n",
        a.provenance.caption()
    );
    for run in &a.runs {
        let diff = a
            .points_from_readable(run)
            .map_or("–".to_owned(), |d| format!("{d:+.2}"));
        text.push_str(&format!(
            "| {} | {} | {:.4} | {diff} | {} | {:.2} |\n",
            run.cell.name(),
            path_name(run.cell, run.lazy_embedding),
            run.test_accuracy,
            run.chosen_epoch,
            run.median_epoch_seconds
        ));
    }
    text
}

/// Epoch time in every round, ours and PyTorch's, per cell.
pub fn write_figure(recorded: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let c = load_comparison(recorded)?;
    let mut chart = LineChart::new(
        &format!(
            "One training epoch ({} batches of 32): ours vs PyTorch, alternating",
            c.batches
        ),
        "round",
        "seconds per epoch",
    );
    for s in &c.summary {
        let rounds = c.rounds.iter().filter(|r| r.cell == s.cell);
        let ours = rounds
            .clone()
            .map(|r| (r.round as f64, r.rust_seconds))
            .collect();
        let theirs = rounds
            .map(|r| (r.round as f64, r.pytorch_seconds))
            .collect();
        let name = s.cell.name();
        chart = chart
            .with(Series::line(format!("{name}, ours"), ours).with_markers())
            .with(
                Series::line(format!("{name}, PyTorch"), theirs)
                    .with_markers()
                    .dashed(),
            );
    }
    let rounds = c.rounds.iter().map(|r| r.round).max().unwrap_or(1);
    let path = dir.join("ch03-4-pytorch.svg");
    chart
        .y_range(0.0, max_seconds(&c) * 1.6)
        .x_ticks(rounds)
        .save_svg(&path)?;
    Ok(vec![path])
}

fn max_seconds(c: &Comparison) -> f64 {
    c.rounds
        .iter()
        .map(|r| r.rust_seconds.max(r.pytorch_seconds))
        .fold(0.0, f64::max)
}
