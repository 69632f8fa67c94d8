//! Chapter 5's generated tables: the minGRU's speed (from the recorded
//! criterion benchmarks, `book/results/ch05-benchmarks.json`) and its
//! errors on the adding problem beside chapter 6's cells
//! (`ch05-min-gru-adding.json` and `ch06-adding.json`).

use std::path::Path;

use anyhow::{Context, Result};
use faq_experiments::q2_adding::AddingResults;
use fileio::benchmarks::{Recording, load};
use recurrent::CellKind;

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
        "\nThe recurrence alone, h_t = a_t ⊙ h_(t−1) + b_t over 2,048 lanes, by each scan (milliseconds):\n\n| T | loop | chunked, {threads} threads | Hillis–Steele rounds, 1 thread |\n|---|---|---|---|\n"
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

/// The median of `values` (the mean of the middle two for an even count).
fn median(mut values: Vec<f64>) -> f64 {
    assert!(!values.is_empty(), "median of no values");
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// The median final test error, over seeds, of every cell and of the minGRU at every length.
pub fn adding_markdown(min_gru: &Path, chapter_6: &Path) -> Result<String> {
    let m: MinGruAddingResults = fileio::load_json(min_gru, "`future adding`")?;
    let c: AddingResults = fileio::load_json(chapter_6, "`faq adding`")?;
    let cells = [CellKind::Rnn, CellKind::Lstm, CellKind::Gru];
    let mut text = format!(
        "{} {} Median over seeds {:?} of the test mean squared error after {} updates ({} units, batch {}); \"always 1\" answers the mean of the target.\n\n| T | vanilla RNN | LSTM | GRU | minGRU | always 1 |\n|---|---|---|---|---|---|\n",
        m.provenance.caption(),
        c.provenance.made.caption(),
        m.sweep.seeds,
        m.sweep.iterations,
        m.sweep.hidden,
        m.sweep.batch_size,
    );
    for &t in &m.sweep.lengths {
        let mut row = format!("| {t} |");
        for cell in cells {
            let errors: Vec<f64> = c
                .runs
                .iter()
                .filter(|r| r.config.cell == cell && r.config.length == t)
                .map(|r| r.final_test_mse)
                .collect();
            anyhow::ensure!(
                !errors.is_empty(),
                "ch06-adding.json has no {cell} run at T = {t}"
            );
            row.push_str(&format!(" {:.1e} |", median(errors)));
        }
        let ours: Vec<&crate::adding::MinGruAddingRun> =
            m.runs.iter().filter(|r| r.schedule.length == t).collect();
        anyhow::ensure!(
            !ours.is_empty(),
            "ch05-min-gru-adding.json has no run at T = {t}"
        );
        row.push_str(&format!(
            " {:.1e} | {:.3} |\n",
            median(ours.iter().map(|r| r.outcome.final_test_mse).collect()),
            ours[0].outcome.baseline_test_mse
        ));
        text.push_str(&row);
    }
    Ok(text)
}
