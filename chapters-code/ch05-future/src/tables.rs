//! Chapter 5's generated tables: the minGRU's speed (from the recorded
//! criterion benchmarks, `book/results/ch05-benchmarks.json`) and its
//! errors on the adding problem beside chapter 6's cells
//! (`ch05-min-gru-adding.json` and `ch06-adding.json`).

use std::path::Path;

use anyhow::{Context, Result};
use fileio::benchmarks::{Recording, load};
use numeric::stats::median;

use crate::adding::MinGruAddingResults;

/// The forward benchmarks' sizes (see `benches/min_gru.rs`).
const FORWARD: &str = "min_gru forward B=32 T={T} D=64 H=64";
/// The scans' benchmarks: B·H = 2,048 lanes.
const SCANS: &str = "min_gru scan N=2048 T={T}";

/// The median of one benchmark, in milliseconds, or an error naming it.
fn ms(recording: &Recording, group: &str, steps: usize, function: &str) -> Result<f64> {
    let name = format!("{}/{function}", group.replace("{T}", &steps.to_string()));
    let m = recording
        .find(&name)
        .with_context(|| format!("ch05-benchmarks.json has no benchmark named '{name}'"))?;
    Ok(m.median_ns / 1e6)
}

/// The lengths T that the recording holds, in increasing order.
fn lengths(recording: &Recording) -> Vec<usize> {
    let mut ts: Vec<usize> = recording
        .measurements
        .iter()
        .filter_map(|m| {
            m.name
                .split(" T=")
                .nth(1)?
                .split([' ', '/'])
                .next()?
                .parse()
                .ok()
        })
        .collect();
    ts.sort_unstable();
    ts.dedup();
    ts
}

/// One forward pass: chapter 3's GRU against the minGRU by loop and by scan.
/// The benchmark ran its scans on every core (`numeric::threads::default_threads`),
/// so the recording's core count names the threaded ones.
pub fn speed_markdown(benchmarks: &Path) -> Result<String> {
    let r = load(benchmarks)?;
    let threads = r.provenance.machine.cores;
    let mut text = format!(
        "{} Medians of criterion's samples, in milliseconds, for one forward pass of a batch of 32 sequences, input and hidden width 64, in `f32`.\n\n| T | GRU, loop | minGRU, loop | minGRU, scan on 1 thread | minGRU, scan on {threads} threads | GRU ÷ minGRU loop | minGRU loop ÷ scan on {threads} |\n|---|---|---|---|---|---|---|\n",
        r.provenance.caption()
    );
    for t in lengths(&r) {
        let gru = ms(&r, FORWARD, t, "gru loop")?;
        let looped = ms(&r, FORWARD, t, "loop")?;
        let one = ms(&r, FORWARD, t, "scan 1 thread")?;
        let many = ms(&r, FORWARD, t, &format!("scan {threads} threads"))?;
        text.push_str(&format!(
            "| {t} | {gru:.2} | {looped:.2} | {one:.2} | {many:.2} | {:.2} | {:.2} |\n",
            gru / looped,
            looped / many
        ));
    }
    text.push_str(&format!(
        "\nThe recurrence alone, $h_t = a_t \\odot h_{{t-1}} + b_t$ over 2,048 lanes, by each scan (milliseconds):\n\n| T | loop | chunked, {threads} threads | Hillis–Steele rounds, 1 thread |\n|---|---|---|---|\n"
    ));
    for t in lengths(&r) {
        text.push_str(&format!(
            "| {t} | {:.3} | {:.3} | {:.3} |\n",
            ms(&r, SCANS, t, "loop")?,
            ms(&r, SCANS, t, &format!("chunked {threads} threads"))?,
            ms(&r, SCANS, t, "rounds")?
        ));
    }
    Ok(text)
}

/// What chapter 5 reads of chapter 6's results file (`faq adding`): the
/// provenance, and each run's cell, length and final test error.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Chapter6Adding {
    pub provenance: fileio::Provenance,
    pub runs: Vec<Chapter6Run>,
}

/// One run of chapter 6's sweep.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Chapter6Run {
    pub config: Chapter6Config,
    pub final_test_mse: f64,
}

/// The fields of a run's configuration that chapter 5 compares.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Chapter6Config {
    /// "Rnn", "Lstm" or "Gru", as chapter 6 records them.
    pub cell: String,
    pub length: usize,
    pub seed: u64,
}

impl Chapter6Adding {
    /// Read chapter 6's `ch06-adding.json`.
    pub fn load(path: &Path) -> Result<Self> {
        Ok(fileio::load_json(path, "`faq adding`")?)
    }

    /// The median over seeds of `cell`'s final test error at length `t`.
    pub fn median_error(&self, cell: &str, t: usize) -> Result<f64> {
        let errors: Vec<f64> = self
            .runs
            .iter()
            .filter(|r| r.config.cell == cell && r.config.length == t)
            .map(|r| r.final_test_mse)
            .collect();
        anyhow::ensure!(
            !errors.is_empty(),
            "ch06-adding.json has no {cell} run at T = {t}"
        );
        Ok(median(&errors))
    }
}

/// The median over seeds of the minGRU's final test error at length `t`,
/// and the error of always answering 1 there.
pub fn min_gru_median_error(m: &MinGruAddingResults, t: usize) -> Result<(f64, f64)> {
    let ours: Vec<&crate::adding::MinGruAddingRun> =
        m.runs.iter().filter(|r| r.schedule.length == t).collect();
    anyhow::ensure!(
        !ours.is_empty(),
        "ch05-min-gru-adding.json has no run at T = {t}"
    );
    Ok((
        median(
            &ours
                .iter()
                .map(|r| r.outcome.final_test_mse)
                .collect::<Vec<_>>(),
        ),
        ours[0].outcome.baseline_test_mse,
    ))
}

/// The median final test error, over seeds, of every cell and of the minGRU at every length.
pub fn adding_markdown(min_gru: &Path, chapter_6: &Path) -> Result<String> {
    let m: MinGruAddingResults = fileio::load_json(min_gru, "`future adding`")?;
    let c = Chapter6Adding::load(chapter_6)?;
    let s = &m.settings;
    let mut text = format!(
        "minGRU column: {} Other columns (chapter 6): {} Median over seeds {:?} of the test mean squared error after {} updates ({} units, batch {}); \"always 1\" answers the mean of the target.\n\n| T | vanilla RNN | LSTM | GRU | minGRU | always 1 |\n|---|---|---|---|---|---|\n",
        m.provenance.caption(),
        c.provenance.caption(),
        s.seeds,
        s.iterations,
        s.hidden,
        s.batch_size,
    );
    for &t in &s.lengths {
        let mut row = format!("| {t} |");
        for cell in ["Rnn", "Lstm", "Gru"] {
            row.push_str(&format!(" {:.1e} |", c.median_error(cell, t)?));
        }
        let (ours, always_one) = min_gru_median_error(&m, t)?;
        row.push_str(&format!(" {ours:.1e} | {always_one:.3} |\n"));
        text.push_str(&row);
    }
    Ok(text)
}
