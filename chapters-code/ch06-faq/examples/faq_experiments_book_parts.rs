//! The figures and tables of chapter 6, redrawn from the recorded results of
//! `faq gradients`, `faq adding` and `faq padding` (book/results/ch06-*.json);
//! the table of the three cells also reads the benchmarks of chapter 3 and
//! the results of chapter 4.
//!
//! `cargo run -p faq-experiments --example faq_experiments_book_parts -- --figures book/figures --generated book/generated`

use std::path::Path;

use anyhow::{Context, Result};
use faq_experiments::figures::{adding_figures, gradient_figures, padding_figures};
use faq_experiments::record::load;
use faq_experiments::tables;
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::RunResult;

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let (gradients, by) = ("ch06-gradients.json", "faq gradients");
        let origin = parts.redrawn(gradients, by);
        let recorded = parts.recorded(gradients);
        parts.made(&gradient_figures(&recorded, parts.figures())?, &origin);
        let results = load(&recorded, &format!("`{by}`"))?;
        parts.table(
            "ch06-gradients.md",
            &tables::gradient_table(&results),
            &origin,
        )?;

        let (adding, by) = ("ch06-adding.json", "faq adding");
        let origin = parts.redrawn(adding, by);
        let recorded = parts.recorded(adding);
        parts.made(&adding_figures(&recorded, parts.figures())?, &origin);
        let adding = load(&recorded, &format!("`{by}`"))?;
        parts.table("ch06-adding.md", &tables::adding_table(&adding), &origin)?;

        let cells = tables::cells_table(
            &adding,
            &chapter3_step_times(&parts.recorded("ch03-benchmarks.json"))?,
            &chapter4_accuracies(&parts.recorded("ch04-imdb.json"))?,
        );
        let origin = format!(
            "{}; with book/results/ch03-benchmarks.json (`cargo xtask record-benchmarks --set ch03`) and book/results/ch04-imdb.json (`imdb experiments`)",
            parts.redrawn("ch06-adding.json", by)
        );
        parts.table("ch06-cells.md", &cells, &origin)?;

        let (padding, by) = ("ch06-padding.json", "faq padding");
        let origin = parts.redrawn(padding, by);
        let recorded = parts.recorded(padding);
        parts.made(&padding_figures(&recorded, parts.figures())?, &origin);
        let results = load(&recorded, &format!("`{by}`"))?;
        parts.table("ch06-padding.md", &tables::padding_table(&results), &origin)?;
        Ok(())
    })
}

/// The recorded median of one forward and backward pass (B = 32, T = 50,
/// D = H = 100) per cell, in milliseconds; the GRU in its reset-after form.
fn chapter3_step_times(path: &Path) -> Result<Vec<(CellKind, f64)>> {
    let recording = fileio::benchmarks::load(path)?;
    [
        (
            CellKind::Rnn,
            "vanilla forward+backward B=32 T=50 D=100 H=100",
        ),
        (
            CellKind::Lstm,
            "lstm forward+backward B=32 T=50 D=100 H=100",
        ),
        (
            CellKind::Gru,
            "gru forward+backward ResetAfter B=32 T=50 D=100 H=100",
        ),
    ]
    .into_iter()
    .map(|(cell, name)| {
        let m = recording
            .find(name)
            .with_context(|| format!("{}: no benchmark named '{name}'", path.display()))?;
        Ok((cell, m.median_ns / 1e6))
    })
    .collect()
}

/// What the table reads of chapter 4's record (`imdb experiments`); this
/// crate does not depend on chapter 4's.
#[derive(serde::Deserialize)]
struct Chapter4 {
    runs: Vec<RunResult>,
}

/// Test accuracy of chapter 4's masked model per cell (readable cells only).
fn chapter4_accuracies(path: &Path) -> Result<Vec<(CellKind, f64)>> {
    let recorded: Chapter4 = fileio::load_json(path, "`imdb experiments`")?;
    Ok(recorded
        .runs
        .iter()
        .filter(|r| r.config.head == Head::LastReal)
        .filter(|r| r.config.cell != CellKind::LstmFast)
        .map(|r| (r.config.cell, r.log.test_accuracy))
        .collect())
}
