//! The chapter's figures and results table, drawn from the recorded results
//! of `imdb experiments` (`book/results/ch04-imdb.json`), so the book's build
//! redraws them without training.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use figures::{Corner, LineChart, Series, save_stacked};

use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::RunResult;

/// The recorded experiments.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Recorded {
    /// The command line, commit, date and machine that made the file.
    pub provenance: fileio::Provenance,
    pub runs: Vec<RunResult>,
}

/// Read the recorded results.
pub fn load(path: &Path) -> Result<Recorded> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the recorded results {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a results file of `imdb experiments`",
            path.display()
        )
    })
}

/// A run's name in the book: "(a) per-step LSTM" and so on.
pub fn label(run: &RunResult) -> String {
    let letter = match run.config.head {
        Head::PerStep => "(a) per-step",
        Head::LastState => "(b) last state",
        Head::LastReal => "(c) last real token",
    };
    let cell = match run.config.cell {
        CellKind::Lstm => "LSTM",
        CellKind::Gru => "GRU",
        CellKind::Rnn => "vanilla RNN",
        CellKind::LstmFast => "LSTM on the fast path (3.4)",
        CellKind::GruFast => "GRU on the fast path (3.4)",
        CellKind::RnnFast => "vanilla RNN on the fast path (3.4)",
    };
    format!("{letter}, {cell}")
}

/// Validation accuracy, validation loss and training loss per epoch, one
/// panel each, every run in the same colour in all three.
pub fn write_figures(recorded: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let recorded = load(recorded)?;
    let panel = |title: &str,
                 y: &str,
                 corner: Corner,
                 value: &dyn Fn(&sentiment::train::EpochRecord) -> f64| {
        let mut chart = LineChart::new(title, "epoch", y).legend_at(corner);
        for run in &recorded.runs {
            let points = run
                .log
                .epochs
                .iter()
                .map(|e| (e.epoch as f64, value(e)))
                .collect();
            chart = chart.with(Series::line(label(run), points).with_markers());
        }
        chart
    };
    let charts = [
        panel(
            "Validation accuracy per epoch",
            "accuracy",
            Corner::LowerLeft,
            &|e| e.validation_accuracy,
        ),
        panel(
            "Validation loss per epoch",
            "binary cross-entropy",
            Corner::LowerRight,
            &|e| e.validation_loss,
        ),
        panel(
            "Training loss per epoch",
            "binary cross-entropy",
            Corner::UpperRight,
            &|e| e.train_loss,
        ),
    ];
    let path = dir.join("imdb-curves.svg");
    save_stacked(&path, &charts)?;
    Ok(vec![path])
}

/// The results table in Markdown, our numbers beside the published reference runs.
pub fn results_table(recorded: &Path) -> Result<String> {
    let recorded = load(recorded)?;
    let mut text = format!(
        "{}\n\n| Model | Parameters | Epoch chosen on validation | Validation accuracy | Test accuracy | Seconds per epoch (median) | Peak memory of the process so far |\n|---|---|---|---|---|---|---|\n",
        recorded.provenance.caption()
    );
    for run in &recorded.runs {
        let chosen = run
            .log
            .epochs
            .iter()
            .find(|e| e.epoch == run.log.chosen_epoch)
            .context("the chosen epoch is in the log")?;
        let mut seconds: Vec<f64> = run.log.epochs.iter().map(|e| e.seconds).collect();
        seconds.sort_by(f64::total_cmp);
        let median = seconds[seconds.len() / 2];
        let peak = run
            .log
            .epochs
            .iter()
            .map(|e| e.peak_memory_mib)
            .fold(0.0, f64::max);
        text.push_str(&format!(
            "| {} | {} | {} | {:.4} | **{:.4}** | {median:.1} | {peak:.0} MiB |\n",
            label(run),
            run.parameters,
            run.log.chosen_epoch,
            chosen.validation_accuracy,
            run.log.test_accuracy
        ));
    }
    Ok(text)
}
