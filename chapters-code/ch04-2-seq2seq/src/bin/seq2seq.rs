//! `seq2seq`: train the encoder–decoder of section 4.2 to reverse digit strings.
//!
//! ```console
//! $ cargo run --release -p seq2seq --bin seq2seq -- train            # the book's run, rewrites book/results/ch04-2-seq2seq.json
//! $ cargo run --release -p seq2seq --bin seq2seq -- train --quick    # the CI form, writes target/quick/
//! $ cargo run --release -p seq2seq --bin seq2seq -- bottleneck       # attention or not, lengths 3-30; rewrites book/results/ch04-2-bottleneck.json
//! ```

use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand};
use fileio::{RunArgs, ThreadsArg};
use seq2seq::bottleneck::{BottleneckConfig, BottleneckResults, run_all};
use seq2seq::experiment::{Seq2SeqResults, full, quick};
use seq2seq::train::train;

/// The seed of the book's recorded run.
const BOOK_SEED: u64 = 1;

#[derive(Parser)]
#[command(
    about = "A sequence-to-sequence LSTM that learns to reverse digit strings (section 4.2)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train, measure exact match on held-out strings, write the results (JSON).
    Train {
        #[command(flatten)]
        run: RunArgs,
        /// Fail unless the held-out exact match reaches this value.
        #[arg(long)]
        require: Option<f64>,
    },
    /// Train the encoder-decoder with and without attention on strings of 3 to 30 digits, at several hidden sizes, in parallel; measure exact match by length and beam search against greedy decoding; write the results (JSON).
    Bottleneck {
        #[command(flatten)]
        run: RunArgs,
        #[command(flatten)]
        threads: ThreadsArg,
    },
}

/// Errors are printed as a message and its causes, without a backtrace
/// (see [`fileio::report`]).
fn main() -> ExitCode {
    fileio::report(run())
}

fn run() -> Result<()> {
    match Cli::parse().command {
        Command::Train { run, require } => train_command(&run, require),
        Command::Bottleneck { run, threads } => bottleneck_command(&run, &threads),
    }
}

fn bottleneck_command(args: &RunArgs, threads: &ThreadsArg) -> Result<()> {
    let out = args.checked_out("ch04-2-bottleneck.json", args.seed == BOOK_SEED)?;
    let config = if args.quick {
        BottleneckConfig::quick(args.seed)
    } else {
        BottleneckConfig::full(args.seed)
    };
    // Taken before the runs: the code that trains is the code of this commit.
    let provenance = args.provenance();
    let runs = run_all(&config, threads.count(), true);
    for r in &runs {
        println!(
            "{}, H = {}: held-out exact match {:.4} in {:.0} s",
            r.decoder, r.run.config.hidden, r.run.final_exact_match, r.run.seconds
        );
    }
    let results = BottleneckResults {
        provenance,
        quick: args.quick,
        config,
        runs,
    };
    fileio::save_json(&out, &results)?;
    println!("wrote {}", out.display());
    Ok(())
}

fn train_command(args: &RunArgs, require: Option<f64>) -> Result<()> {
    // Checked before the training, which would end in a comparison with nonsense.
    if let Some(floor) = require
        && !(0.0..=1.0).contains(&floor)
    {
        bail!("--require {floor}: an exact match is a fraction, from 0 to 1");
    }
    // Where the results go, checked before the training: another seed than
    // the book's never writes over the book's results.
    let out = args.checked_out("ch04-2-seq2seq.json", args.seed == BOOK_SEED)?;
    let config = if args.quick {
        quick(args.seed)
    } else {
        full(args.seed)
    };
    let (run, _) = train(&config, true);
    let results = Seq2SeqResults {
        provenance: args.provenance(),
        quick: args.quick,
        run,
    };
    fileio::save_json(&out, &results)?;
    for e in &results.run.examples {
        println!("{} -> {} (expected {})", e.input, e.decoded, e.expected);
    }
    let accuracy = results.run.final_exact_match;
    println!(
        "held-out exact match {accuracy:.4} after {} updates; wrote {}",
        config.iterations,
        out.display()
    );
    if let Some(floor) = require
        && (accuracy.is_nan() || accuracy < floor)
    {
        bail!("held-out exact match {accuracy:.4} is below the required {floor}");
    }
    Ok(())
}
