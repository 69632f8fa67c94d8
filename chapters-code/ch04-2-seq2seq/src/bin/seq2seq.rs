//! `seq2seq`: train the encoder–decoder of section 4.2 to reverse digit strings.
//!
//! ```console
//! $ cargo run --release -p seq2seq --bin seq2seq -- train            # the book's run, rewrites book/results/ch04-2-seq2seq.json
//! $ cargo run --release -p seq2seq --bin seq2seq -- train --quick    # the CI form, writes target/quick/
//! ```

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand};
use seq2seq::experiment::{Seq2SeqResults, full, quick};
use seq2seq::train::train;

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
        /// The small form for CI (short strings, few updates), written under target/quick/.
        #[arg(long)]
        quick: bool,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the results; default book/results/ch04-2-seq2seq.json (target/quick/ with --quick).
        #[arg(long)]
        out: Option<PathBuf>,
        /// A description of the machine, recorded with the results.
        #[arg(long, default_value = "unrecorded")]
        machine: String,
        /// Fail unless the held-out exact match reaches this value.
        #[arg(long)]
        require: Option<f64>,
    },
}

fn main() -> Result<()> {
    let Command::Train {
        quick: is_quick,
        seed,
        out,
        machine,
        require,
    } = Cli::parse().command;
    let config = if is_quick { quick(seed) } else { full(seed) };
    let (run, _) = train(&config, true);
    let out = out.unwrap_or_else(|| figures::results_path(is_quick, "ch04-2-seq2seq.json"));
    let results = Seq2SeqResults {
        command: format!(
            "seq2seq train{} --seed {seed}",
            if is_quick { " --quick" } else { "" }
        ),
        machine,
        quick: is_quick,
        run,
    };
    figures::save_json(&out, &results)?;
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
