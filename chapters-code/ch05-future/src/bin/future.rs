//! `future`: chapter 5's experiment, the minGRU on chapter 6's adding problem.
//!
//! ```console
//! $ cargo run --release -p future --bin future -- adding           # the book's run, rewrites book/results/ch05-min-gru-adding.json
//! $ cargo run --release -p future --bin future -- adding --quick   # the CI form, writes target/quick/
//! ```

use std::process::ExitCode;

use adding_problem::settings::Settings;
use anyhow::Result;
use clap::{Parser, Subcommand};
use fileio::{RunArgs, ThreadsArg};
use future::adding::{MinGruAddingResults, run_all};

/// The seed of the book's recorded run (chapter 6's).
const BOOK_SEED: u64 = 1;

#[derive(Parser)]
#[command(
    about = "Chapter 5: the minGRU, trained by a parallel scan, on chapter 6's adding problem"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train the minGRU on the adding problem with chapter 6's lengths, seeds and settings; write the results (JSON).
    Adding {
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
    let Command::Adding { run: args, threads } = Cli::parse().command;
    let out = args.checked_out("ch05-min-gru-adding.json", args.seed == BOOK_SEED)?;
    let settings = if args.quick {
        Settings::quick(args.seed)
    } else {
        Settings::book(args.seed)
    };
    // Taken before the runs: the code that trains is the code of this commit.
    let provenance = args.provenance();
    let runs = run_all(&settings, threads.count(), true);
    for r in &runs {
        println!(
            "minGRU T = {} seed {}: test MSE {:.5} (always 1: {:.4}) in {:.0} s",
            r.schedule.length,
            r.schedule.seed,
            r.outcome.final_test_mse,
            r.outcome.baseline_test_mse,
            r.outcome.seconds
        );
    }
    let results = MinGruAddingResults {
        provenance,
        quick: args.quick,
        settings,
        runs,
    };
    fileio::save_json(&out, &results)?;
    println!("wrote {}", out.display());
    Ok(())
}
