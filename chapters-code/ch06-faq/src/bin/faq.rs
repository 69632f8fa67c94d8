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

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use faq_experiments::q1_gradients::{self, GradientResults, GradientSettings};
use faq_experiments::q2_adding::{AddingResults, AddingSweep, available_threads, run_all};
use faq_experiments::q4_padding::{PaddingResults, PaddingSweep, run_sweep};
use faq_experiments::record::{Provenance, save};
use faq_experiments::{adding::BASELINE_MSE, tables};
use imdb_sentiment::dataset::{DataArgs, locate};
use imdb_sentiment::prepare::{PrepConfig, encode};

#[derive(Parser)]
#[command(about = "The experiments behind the answers of chapter 6 (FAQ)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Common {
    /// The small form for CI: the same code at small sizes, written under target/quick/.
    #[arg(long)]
    quick: bool,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the results (JSON); default book/results/ch06-NAME.json, or target/quick/ with --quick.
    #[arg(long)]
    out: Option<PathBuf>,
    /// A description of the machine, recorded with the results.
    #[arg(long, default_value = "unrecorded")]
    machine: String,
}

impl Common {
    fn out(&self, name: &str) -> PathBuf {
        self.out.clone().unwrap_or_else(|| {
            figures::results_path(self.quick, &format!("ch06-{name}.json"))
        })
    }

    fn provenance(&self, name: &str) -> Provenance {
        Provenance {
            command: format!(
                "faq {name}{} --seed {}",
                if self.quick { " --quick" } else { "" },
                self.seed
            ),
            machine: self.machine.clone(),
            quick: self.quick,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Q1: gradient norm against distance for every cell, before and after training; the recurrent gain; clipping.
    Gradients {
        #[command(flatten)]
        common: Common,
    },
    /// Q2/Q3: the adding problem for T in {10, 50, 100, 200}, three cells, three seeds.
    Adding {
        #[command(flatten)]
        common: Common,
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
        common: Common,
        #[command(flatten)]
        data: DataArgs,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Gradients { common } => {
            let settings = if common.quick {
                GradientSettings::quick(common.seed)
            } else {
                GradientSettings::full(common.seed)
            };
            let (profiles, gains, clipping) = q1_gradients::run(&settings, true);
            let results = GradientResults {
                provenance: common.provenance("gradients"),
                settings,
                profiles,
                gains,
                clipping,
            };
            let out = common.out("gradients");
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
                sweep.lengths = lengths;
            }
            if let Some(iterations) = iterations {
                sweep.iterations = iterations;
            }
            let threads = threads.unwrap_or_else(available_threads);
            eprintln!(
                "{} runs, {threads} at a time (baseline: always answering 1 gives MSE {BASELINE_MSE:.3})",
                sweep.configs().len()
            );
            let runs = run_all(&sweep.configs(), threads, true);
            let results = AddingResults {
                provenance: common.provenance("adding"),
                sweep,
                runs,
            };
            let out = common.out("adding");
            save(&out, &results)?;
            print!("{}", tables::adding_table(&results));
            println!("wrote {}", out.display());
        }
        Command::Padding { common, data } => {
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
                provenance: common.provenance("padding"),
                sweep,
                runs,
            };
            let out = common.out("padding");
            save(&out, &results)?;
            print!("{}", tables::padding_table(&results));
            println!("wrote {}", out.display());
        }
    }
    Ok(())
}
