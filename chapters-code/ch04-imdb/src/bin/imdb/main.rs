//! `imdb`: train, check and use the sentiment models of chapter 4, one
//! module per subcommand.
//!
//! ```console
//! $ cargo run --release -p imdb-sentiment --bin imdb -- train --cell lstm --head last-real
//! $ cargo run --release -p imdb-sentiment --bin imdb -- classify --run-dir runs/lstm-lastreal "A wonderful film."
//! $ cargo run --release -p imdb-sentiment --bin imdb -- check --archive ../shared/data/aclImdb_v1_labeled.tar.gz
//! $ cargo run --release -p imdb-sentiment --bin imdb -- experiments --out book/results/ch04-imdb.json
//! ```

mod baseline;
mod check;
mod classify;
mod experiments;
mod final_model;
mod setup;
mod stats;
mod train;

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};
use sentiment::interrupt::Interrupted;

#[derive(Parser)]
#[command(about = "IMDB sentiment with hand-written recurrent networks (chapter 4)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train one model and save it in a run folder.
    Train(train::Train),
    /// Classify a text with a trained model and show which tokens moved the prediction.
    Classify(classify::Classify),
    /// The real-data check of CI: train the masked LSTM for one epoch and fail below a floor.
    Check(check::Check),
    /// Length statistics of the reviews (in ids, start marker included): how much maxlen keeps.
    Stats(stats::Stats),
    /// The chapter's experiments: models (a), (b), (c) with the LSTM, (c) with the GRU, the vanilla RNN and the fast LSTM of section 3.4.
    Experiments(experiments::Experiments),
    /// A baseline without recurrence: logistic regression on a bag of words, tuned on the validation part, scored once on the test set.
    Baseline(baseline::Baseline),
    /// The final model of "Putting it together": a bidirectional LSTM with dropout, mean or max pooling chosen on validation, early-stopped, three seeds each.
    Final(final_model::Final),
}

/// Errors are printed as a message and its causes, without a backtrace
/// (see [`fileio::report`]); a training stopped by Ctrl-C says what it
/// kept and how to resume, and ends with exit code 130 (as a shell reports
/// a program ended by Ctrl-C).
fn main() -> ExitCode {
    let result = run();
    if let Err(error) = &result
        && let Some(stopped) = error.downcast_ref::<Interrupted>()
    {
        eprintln!("error: {stopped}");
        let args: Vec<String> = std::env::args().collect();
        if stopped.resumable() {
            eprintln!("to resume: {}", shell_words(&with_resume(&args)));
        } else {
            eprintln!("to start again: {}", shell_words(&args));
        }
        return ExitCode::from(130);
    }
    fileio::report(result)
}

/// `args` (a command line of `imdb train` or `imdb experiments`) with
/// `--resume` added to a `train` that lacks it (`experiments` always resumes).
fn with_resume(args: &[String]) -> Vec<String> {
    let mut args = args.to_vec();
    if args.get(1).is_some_and(|a| a == "train") && !args.iter().any(|a| a == "--resume") {
        args.push("--resume".to_owned());
    }
    args
}

/// `args` as one line a shell reads back as the same words.
fn shell_words(args: &[String]) -> String {
    let plain = |a: &String| {
        !a.is_empty()
            && a.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_./=:,+@%".contains(&b))
    };
    args.iter()
        .map(|a| {
            if plain(a) {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn run() -> Result<()> {
    match Cli::parse().command {
        Command::Train(c) => c.run(),
        Command::Classify(c) => c.run(),
        Command::Check(c) => c.run(),
        Command::Stats(c) => c.run(),
        Command::Experiments(c) => c.run(),
        Command::Baseline(c) => c.run(),
        Command::Final(c) => c.run(),
    }
}
