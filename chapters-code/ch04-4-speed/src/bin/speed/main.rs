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
    BenchEpoch(bench_epoch::BenchEpoch),
    ComparePytorch(compare_pytorch::ComparePytorch),
    FastAccuracy(fast_accuracy::FastAccuracy),
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::BenchEpoch(c) => c.run(),
        Command::ComparePytorch(c) => c.run(),
        Command::FastAccuracy(c) => c.run(),
    }
}
