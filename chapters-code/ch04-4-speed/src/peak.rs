//! The machine's measured matrix-multiply peak, and the floor it puts under
//! an epoch's time.
//!
//! No training epoch can take less than its matrix products' arithmetic
//! ([`crate::flops`]) divided by the fastest rate this machine multiplies
//! `f32` matrices at. That rate is measured here, in the same run as the
//! bound it gives: square products of `f32` through ndarray's
//! `general_mat_mul` (the `matrixmultiply` kernels our layers use) on one
//! thread, and two independent products at once on two threads; and, when
//! a Python with PyTorch is given, PyTorch's `torch.mm` (MKL or oneDNN) on
//! one and two threads (and, with it, how PyTorch runs its LSTM and GRU).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use fileio::Provenance;
use ndarray::Array2;
use ndarray::linalg::general_mat_mul;
use recurrent::CellKind;
use serde::{Deserialize, Serialize};

/// One measured rate: `threads` threads multiplying `size`×`size` matrices.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rate {
    pub threads: usize,
    /// Median over the repeats, in GFLOP/s (all threads together).
    pub median_gflops: f64,
    /// The fastest repeat, in GFLOP/s.
    pub best_gflops: f64,
}

/// The floor under one training epoch of the article's model for one cell.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Floor {
    /// `lstm`, `gru` or `rnn`.
    pub cell: String,
    /// The recurrent layer's matrix products in one epoch, forward and backward.
    pub flops_per_epoch: f64,
    /// `flops_per_epoch` at the fastest rate measured, in seconds.
    pub floor_seconds: f64,
}

/// What `speed peak` records (book/results/ch04-4-peak.json).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PeakRecord {
    pub provenance: Provenance,
    pub size: usize,
    pub repeats: usize,
    /// ndarray + matrixmultiply, 1 and 2 threads.
    pub rust: Vec<Rate>,
    /// PyTorch's version and rates, when measured.
    pub pytorch: Option<PytorchRates>,
    /// The fastest median rate of all, in GFLOP/s, and who reached it.
    pub peak_gflops: f64,
    pub peak_by: String,
    /// The floor under an epoch, per cell, at `peak_gflops`.
    pub floors: Vec<Floor>,
}

/// PyTorch's measured rates, and how its recurrent layers run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PytorchRates {
    pub version: String,
    pub rates: Vec<Rate>,
    /// For `nn.LSTM` and `nn.GRU` at the article's sizes (a batch of 32
    /// reviews of 50 steps, 100 inputs, 100 units): the operations
    /// PyTorch's profiler records for one forward and backward pass, and
    /// whether one of them is a oneDNN (`mkldnn`) kernel.
    pub cells: Vec<PytorchCell>,
}

/// How PyTorch runs one recurrent layer's forward and backward pass.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PytorchCell {
    pub cell: String,
    pub operations: usize,
    pub onednn: bool,
}

/// Median and best GFLOP/s of `repeats` timed rounds of `threads` threads,
/// each multiplying its own pair of `size`×`size` matrices once per round.
pub fn measure_rust(size: usize, threads: usize, repeats: usize) -> Rate {
    assert!(
        size > 0 && threads > 0 && repeats > 0,
        "size, threads and repeats must be positive"
    );
    let pairs: Vec<(Array2<f32>, Array2<f32>)> = (0..threads)
        .map(|t| {
            let fill =
                |i: usize, j: usize| ((i * 31 + j * 17 + t) % 13) as f32 / 13.0 - 0.5;
            (
                Array2::from_shape_fn((size, size), |(i, j)| fill(i, j)),
                Array2::from_shape_fn((size, size), |(i, j)| fill(j, i)),
            )
        })
        .collect();
    let mut outs: Vec<Array2<f32>> =
        (0..threads).map(|_| Array2::zeros((size, size))).collect();
    let flops = 2.0 * (size as f64).powi(3) * threads as f64;
    let mut rates = Vec::with_capacity(repeats);
    for round in 0..=repeats {
        let start = Instant::now();
        std::thread::scope(|s| {
            for ((a, b), c) in pairs.iter().zip(outs.iter_mut()) {
                s.spawn(move || general_mat_mul(1.0, a, b, 0.0, c));
            }
        });
        let seconds = start.elapsed().as_secs_f64();
        if round > 0 {
            // Round 0 warms the caches and the kernel selection up.
            rates.push(flops / seconds / 1e9);
        }
    }
    summarise(threads, rates)
}

fn summarise(threads: usize, mut rates: Vec<f64>) -> Rate {
    rates.sort_by(f64::total_cmp);
    Rate {
        threads,
        median_gflops: numeric::stats::median(&rates),
        best_gflops: rates.last().copied().unwrap_or(0.0),
    }
}

/// PyTorch's `torch.mm` rates on 1 and 2 threads, measured by `python`.
pub fn measure_pytorch(python: &Path, size: usize, repeats: usize) -> Result<PytorchRates> {
    let script = format!(
        "import json, time, torch\n\
         out = {{'version': torch.__version__, 'rates': []}}\n\
         for t in (1, 2):\n\
         \x20   torch.set_num_threads(t)\n\
         \x20   a = torch.rand({size}, {size}) - 0.5; b = torch.rand({size}, {size}) - 0.5\n\
         \x20   torch.mm(a, b)\n\
         \x20   r = []\n\
         \x20   for _ in range({repeats}):\n\
         \x20       s = time.perf_counter(); torch.mm(a, b); r.append(2 * {size}**3 / (time.perf_counter() - s) / 1e9)\n\
         \x20   out['rates'].append({{'threads': t, 'samples': r}})\n\
         out['cells'] = []\n\
         x = torch.randn(32, 50, 100)\n\
         for name, layer in (('lstm', torch.nn.LSTM(100, 100, batch_first=True)), ('gru', torch.nn.GRU(100, 100, batch_first=True))):\n\
         \x20   with torch.profiler.profile() as prof:\n\
         \x20       y, _ = layer(x); y.sum().backward()\n\
         \x20   names = [e.name for e in prof.events()]\n\
         \x20   out['cells'].append({{'cell': name, 'operations': len(names), 'onednn': any('mkldnn' in n for n in names)}})\n\
         print(json.dumps(out))\n"
    );
    let output = Command::new(python)
        .args(["-c", &script])
        .output()
        .with_context(|| format!("cannot start {}", python.display()))?;
    if !output.status.success() {
        bail!(
            "{} could not time torch.mm: {}",
            python.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    #[derive(Deserialize)]
    struct Raw {
        version: String,
        rates: Vec<RawRate>,
        cells: Vec<PytorchCell>,
    }
    #[derive(Deserialize)]
    struct RawRate {
        threads: usize,
        samples: Vec<f64>,
    }
    let raw: Raw = serde_json::from_slice(&output.stdout)
        .with_context(|| format!("{} printed no JSON of rates", python.display()))?;
    Ok(PytorchRates {
        version: raw.version,
        cells: raw.cells,
        rates: raw
            .rates
            .into_iter()
            .map(|r| summarise(r.threads, r.samples))
            .collect(),
    })
}

/// The floors under an epoch of `sequences` reviews of `steps` words
/// (embedding `input`, hidden `hidden`) for the three cells, at `gflops`.
pub fn floors(
    gflops: f64,
    sequences: u64,
    steps: u64,
    input: u64,
    hidden: u64,
) -> Vec<Floor> {
    [
        (CellKind::LstmFast, "lstm"),
        (CellKind::GruFast, "gru"),
        (CellKind::RnnFast, "rnn"),
    ]
    .into_iter()
    .map(|(kind, cell)| {
        let flops =
            crate::flops::training_flops(kind, sequences, steps, input, hidden) as f64;
        Floor {
            cell: cell.to_owned(),
            flops_per_epoch: flops,
            floor_seconds: flops / (gflops * 1e9),
        }
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_product_gives_a_positive_rate_and_the_floor_divides_by_it() {
        let rate = measure_rust(32, 2, 3);
        assert_eq!(rate.threads, 2);
        assert!(rate.median_gflops > 0.0 && rate.best_gflops >= rate.median_gflops);
        let floors = floors(100.0, 20_000, 50, 100, 100);
        let lstm = &floors[0];
        // 3 × 2 × 4 × 100 × 200 × 50 × 20,000 = 4.8e11 operations, at 100 GFLOP/s.
        assert_eq!(lstm.flops_per_epoch, 4.8e11);
        assert!((lstm.floor_seconds - 4.8).abs() < 1e-12);
        assert!(floors[1].floor_seconds < lstm.floor_seconds);
    }
}
