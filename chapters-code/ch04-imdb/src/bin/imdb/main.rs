//! `imdb`: train, check and use the sentiment models of chapter 4, one
//! module per subcommand.
//!
//! ```console
//! $ cargo run --release -p imdb-sentiment --bin imdb -- train --cell lstm --head last-real
//! $ cargo run --release -p imdb-sentiment --bin imdb -- classify --run-dir runs/lstm-lastreal "A wonderful film."
//! $ cargo run --release -p imdb-sentiment --bin imdb -- check --archive ../shared/data/aclImdb_v1_labeled.tar.gz
//! $ cargo run --release -p imdb-sentiment --bin imdb -- experiments --out book/results/ch04-imdb.json
//! ```

mod check;
mod classify;
mod experiments;
mod setup;
mod stats;
mod train;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "IMDB sentiment with hand-written recurrent networks (chapter 4)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Train(train::Train),
    Classify(classify::Classify),
    Check(check::Check),
    Stats(stats::Stats),
    Experiments(experiments::Experiments),
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Train(c) => c.run(),
        Command::Classify(c) => c.run(),
        Command::Check(c) => c.run(),
        Command::Stats(c) => c.run(),
        Command::Experiments(c) => c.run(),
    }
}
