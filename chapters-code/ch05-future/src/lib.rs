//! Chapter 5: the cost of generating the t-th token, for an LSTM layer and
//! for a self-attention layer of the same width d, from their formulas.
//!
//! * Memory kept between tokens: the LSTM keeps h and C, 2d numbers,
//!   whatever t is; attention keeps a key and a value for every earlier
//!   token, 2dt numbers (the "KV cache").
//! * Multiply–adds for one token: the LSTM's four gates cost 4d(d + d)
//!   (input and recurrent products, input width d); attention's four
//!   projections (query, key, value, output) cost 4d², and scoring and
//!   mixing t cached keys and values cost 2dt more.
//!
//! Biases, nonlinearities and the feed-forward block that follows attention
//! in a Transformer are left out of both; they change constants, not how
//! the cost grows with t.
//!
//! A recurrent layer can also train in parallel over time when its state
//! update is linear: [`min_gru`] is such a layer, the minGRU, and [`scan`]
//! holds the parallel scans that compute its recurrence.

pub mod adding;
pub mod min_gru;
pub mod scan;
pub mod suite;
pub mod tables;

pub use min_gru::{MinGru, MinGruGrads, MinGruStep, MinGruTrace};

use std::path::{Path, PathBuf};

use figures::{Corner, FigureError, LineChart, Series, save_stacked};

/// Numbers an LSTM layer of width `d` keeps between tokens: h and C.
pub fn lstm_state(d: usize) -> usize {
    2 * d
}

/// Numbers a self-attention layer of width `d` keeps to generate token `t`:
/// a key and a value for each of the t − 1 tokens before it, and its own.
pub fn attention_cache(d: usize, t: usize) -> usize {
    2 * d * t
}

/// Multiply–adds of one LSTM step with input and hidden width `d`.
pub fn lstm_step_macs(d: usize) -> usize {
    4 * d * (d + d)
}

/// Multiply–adds of one attention step at position `t` with width `d`.
pub fn attention_step_macs(d: usize, t: usize) -> usize {
    4 * d * d + 2 * d * t
}

/// The two panels, for width `d` and positions up to `longest`.
pub fn charts(d: usize, longest: usize) -> [LineChart; 2] {
    let ts: Vec<usize> = std::iter::once(1)
        .chain((32..=longest).step_by(32))
        .collect();
    let series = |name: &str, f: &dyn Fn(usize) -> usize| {
        Series::line(name, ts.iter().map(|&t| (t as f64, f(t) as f64)).collect())
    };
    let memory = LineChart::new(
        &format!("Numbers kept to generate token t (width d = {d})"),
        "position t of the token",
        "numbers kept",
    )
    .log_y()
    .legend_at(Corner::UpperLeft)
    .with(series("LSTM: h and C", &|_| lstm_state(d)))
    .with(series("self-attention: keys and values", &|t| {
        attention_cache(d, t)
    }));
    let compute = LineChart::new(
        &format!("Multiply–adds to generate token t (width d = {d})"),
        "position t of the token",
        "multiply–adds",
    )
    .log_y()
    .legend_at(Corner::UpperLeft)
    .with(series("LSTM step", &|_| lstm_step_macs(d)))
    .with(series("self-attention step", &|t| {
        attention_step_macs(d, t)
    }));
    [memory, compute]
}

/// Write the chapter's figure into `dir`.
pub fn write_figures(dir: &Path) -> Result<Vec<PathBuf>, FigureError> {
    let path = dir.join("future-cost-per-token.svg");
    save_stacked(&path, &charts(256, 4096))?;
    Ok(vec![path])
}
