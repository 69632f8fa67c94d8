//! `speed`: the measurements of section 4.4, one module per subcommand.
//!
//! ```console
//! $ cargo run --release -p speed --bin speed -- bench-epoch --cell lstm-fast
//! $ cargo run --release -p speed --bin speed -- fast-accuracy
//! $ cargo run --release -p speed --bin speed -- compare-pytorch --python .venv-torch/bin/python
//! ```

mod bench_epoch;
mod compare_pytorch;
mod fast_accuracy;
mod peak;

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    about = "How fast the book's recurrent layers train on IMDB, measured (section 4.4)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Time one training epoch of the article's model on the real data: seconds,
    /// batches per second, peak memory, and GFLOP/s of the recurrent layer's products.
    BenchEpoch(bench_epoch::BenchEpoch),
    /// Time our fast path against PyTorch on the same machine, in one run:
    /// the same model, the same training arrays, epochs alternating, for each
    /// cell; prints the ratios and records them (book/results/ch03-4-pytorch.json).
    ComparePytorch(compare_pytorch::ComparePytorch),
    /// Five epochs of each cell on the readable and on the fast path (and the
    /// fast LSTM with lazy embedding Adam), from the same initial weights:
    /// test accuracy and epoch times (book/results/ch03-4-accuracy.json).
    FastAccuracy(fast_accuracy::FastAccuracy),
    /// This machine's matrix-multiply peak (ndarray, and PyTorch with
    /// --python), 1 and 2 threads, and the floor it puts under an epoch
    /// (book/results/ch04-4-peak.json).
    Peak(peak::Peak),
}

/// Errors are printed as a message and its causes, without a backtrace
/// (see [`fileio::report`]).
fn main() -> ExitCode {
    fileio::report(run())
}

fn run() -> Result<()> {
    match Cli::parse().command {
        Command::BenchEpoch(c) => c.run(),
        Command::ComparePytorch(c) => c.run(),
        Command::FastAccuracy(c) => c.run(),
        Command::Peak(c) => c.run(),
    }
}
