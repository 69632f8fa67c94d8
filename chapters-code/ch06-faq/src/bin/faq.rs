//! `faq`: the experiments of chapter 6, one subcommand per question.
//!
//! ```console
//! $ cargo run --release -p faq-experiments --bin faq -- gradients
//! $ cargo run --release -p faq-experiments --bin faq -- adding
//! $ cargo run --release -p faq-experiments --bin faq -- padding --archive path/to/aclImdb_v1_labeled.tar.gz
//! $ cargo run --release -p faq-experiments --bin faq -- adding --quick     # the small form CI runs
//! ```
//!
//! The full forms rewrite the recorded results under `book/results/`, which
//! the book's build turns into figures and tables; the `--quick` forms write
//! under `target/quick/` and leave the recorded results alone.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use faq_experiments::q1_gradients::{self, GradientResults, GradientSettings};
use faq_experiments::q2_adding::{AddingResults, AddingSweep, available_threads, run_all};
use faq_experiments::q4_padding::{PaddingResults, PaddingSweep, run_sweep};
use faq_experiments::record::{Provenance, save};
use faq_experiments::{adding::BASELINE_MSE, tables};
use fileio::RunArgs;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::prepare::{PrepConfig, encode};

#[derive(Parser)]
#[command(about = "The experiments behind the answers of chapter 6 (FAQ)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How a run's results are recorded: with the command line as typed.
fn provenance(run: &RunArgs) -> Provenance {
    Provenance {
        made: run.provenance(),
        quick: run.quick,
    }
}

/// The seed of the book's recorded runs.
const BOOK_SEED: u64 = 1;

/// Where the results of the experiment `name` go, checked before any work:
/// a run with other settings than the book's (`book` false, or another
/// seed) never writes over the book's results.
fn out(run: &RunArgs, name: &str, book: bool) -> Result<PathBuf> {
    run.checked_out(&format!("ch06-{name}.json"), book && run.seed == BOOK_SEED)
}

#[derive(Subcommand)]
enum Command {
    /// Q1: gradient norm against distance for every cell, before and after training; the recurrent gain; clipping.
    Gradients {
        #[command(flatten)]
        common: RunArgs,
    },
    /// Q2/Q3: the adding problem for T in {10, 50, 100, 200}, three cells, three seeds.
    Adding {
        #[command(flatten)]
        common: RunArgs,
        /// Runs trained at once (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// Only these sequence lengths (comma-separated), instead of the sweep's.
        #[arg(long, value_delimiter = ',')]
        lengths: Option<Vec<usize>>,
        /// Parameter updates per run, instead of the sweep's.
        #[arg(long)]
        iterations: Option<usize>,
    },
    /// Q4: padding, masking and truncation on IMDB at maxlen 50 to 400 (needs the dataset).
    Padding {
        #[command(flatten)]
        common: RunArgs,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// Errors are printed as a message and its causes, without a backtrace
/// (see [`fileio::report`]).
fn main() -> ExitCode {
    fileio::report(run())
}

fn run() -> Result<()> {
    match Cli::parse().command {
        Command::Gradients { common } => {
            let out = out(&common, "gradients", true)?;
            let settings = if common.quick {
                GradientSettings::quick(common.seed)
            } else {
                GradientSettings::full(common.seed)
            };
            let (profiles, gains, clipping) = q1_gradients::run(&settings, true);
            let results = GradientResults {
                provenance: provenance(&common),
                settings,
                profiles,
                gains,
                clipping,
            };
            save(&out, &results)?;
            print!("{}", tables::gradient_table(&results));
            println!("wrote {}", out.display());
        }
        Command::Adding {
            common,
            threads,
            lengths,
            iterations,
        } => {
            let mut sweep = if common.quick {
                AddingSweep::quick(common.seed)
            } else {
                AddingSweep::full(common.seed)
            };
            if let Some(lengths) = lengths {
                if let Some(short) = lengths.iter().find(|&&t| t < 2) {
                    bail!(
                        "--lengths {short}: the adding problem needs sequences of at least 2 steps (one marked number cannot be added to another)"
                    );
                }
                sweep.settings.lengths = lengths;
            }
            if let Some(iterations) = iterations {
                sweep.settings.iterations = iterations;
            }
            let book = sweep == AddingSweep::full(common.seed);
            let out = out(&common, "adding", book)?;
            let threads = threads.unwrap_or_else(available_threads);
            eprintln!(
                "{} runs, {threads} at a time (baseline: always answering 1 gives MSE {BASELINE_MSE:.3})",
                sweep.configs().len()
            );
            let runs = run_all(&sweep.configs(), threads, true);
            let results = AddingResults {
                provenance: provenance(&common),
                sweep,
                runs,
            };
            save(&out, &results)?;
            print!("{}", tables::adding_table(&results));
            println!("wrote {}", out.display());
        }
        Command::Padding { common, data } => {
            let out = out(&common, "padding", true)?;
            let sweep = if common.quick {
                PaddingSweep::quick(common.seed)
            } else {
                PaddingSweep::full(common.seed)
            };
            let root = locate(&data.options())
                .context("the padding experiment trains on the IMDB reviews")?;
            eprintln!(
                "data: {} (reading and tokenizing the reviews once…)",
                root.display()
            );
            let prep = PrepConfig {
                limit: sweep.limit,
                seed: sweep.seed,
                ..PrepConfig::default()
            };
            let encoded = encode(&root, &prep)?;
            let runs = run_sweep(&sweep, &encoded, true, &mut |r| {
                eprintln!(
                    "maxlen {:>3}, {:<40} test accuracy {:.4}",
                    r.maxlen,
                    r.variant.label(),
                    r.result.log.test_accuracy
                );
            })?;
            let results = PaddingResults {
                provenance: provenance(&common),
                sweep,
                runs,
            };
            save(&out, &results)?;
            print!("{}", tables::padding_table(&results));
            println!("wrote {}", out.display());
        }
    }
    Ok(())
}
