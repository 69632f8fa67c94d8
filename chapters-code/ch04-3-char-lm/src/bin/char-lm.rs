//! `char-lm`: train the character language model of section 4.3 on the
//! book's Markdown sources and let it write.
//!
//! ```console
//! $ cargo run --release -p char-lm --bin char-lm -- train           # the book's run, rewrites book/results/ch04-3-char-lm.json
//! $ cargo run --release -p char-lm --bin char-lm -- train --quick   # the CI form, writes target/quick/
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use char_lm::corpus::{Corpus, read_markdown};
use char_lm::experiment::{CharLmResults, full, quick};
use char_lm::train::train;
use clap::{Parser, Subcommand};
use fileio::RunArgs;

#[derive(Parser)]
#[command(
    about = "A character-level LSTM language model trained on this book (section 4.3)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train, measure held-out perplexity, sample, write the results (JSON).
    Train {
        #[command(flatten)]
        run: RunArgs,
        /// The folder of Markdown files to learn from (default: the book/ folder of
        /// the repository this program was built from, wherever it is run).
        #[arg(long)]
        text: Option<PathBuf>,
    },
}

/// The seed of the book's recorded run.
const BOOK_SEED: u64 = 1;

/// The book's Markdown sources: `book/` of the repository this program was
/// built from, found from any current folder.
fn book_folder() -> Result<PathBuf> {
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../book");
    match book.canonicalize() {
        Ok(book) if book.is_dir() => Ok(book),
        _ => bail!(
            "the book's Markdown folder {} is not there (has the repository moved since the program was built?); give a folder of Markdown files with --text",
            book.display()
        ),
    }
}

/// Errors are printed as a message and its causes, without a backtrace
/// (see [`fileio::report`]).
fn main() -> ExitCode {
    fileio::report(run())
}

fn run() -> Result<()> {
    let Command::Train { run: args, text } = Cli::parse().command;
    // Another text or seed than the book's never writes over the book's results.
    let book = text.is_none() && args.seed == BOOK_SEED;
    let text = match text {
        Some(text) => text,
        None => book_folder()?,
    };
    let out = args.checked_out("ch04-3-char-lm.json", book)?;
    let config = if args.quick {
        quick(args.seed)
    } else {
        full(args.seed)
    };
    let held_out = 0.1;
    let corpus = Corpus::build(&read_markdown(&text)?, held_out, 3);
    // Every stream needs an input and a target; the held-out part, one of each.
    if corpus.train.len() < 2 * config.streams || corpus.held_out.len() < 2 {
        let needed = ((2 * config.streams) as f64 / (1.0 - held_out))
            .max(2.0 / held_out)
            .ceil();
        bail!(
            "{}: {} training and {} held-out characters are too few for {} streams of at least 2 characters (the text needs at least {needed} characters)",
            text.display(),
            corpus.train.len(),
            corpus.held_out.len(),
            config.streams,
        );
    }
    eprintln!(
        "{} files, {} training and {} held-out characters, {} distinct",
        corpus.files.len(),
        corpus.train.len(),
        corpus.held_out.len(),
        corpus.vocab_size()
    );
    let (run, _) = train(&corpus, &config, true);
    let results = CharLmResults {
        provenance: args.provenance(),
        quick: args.quick,
        run,
    };
    fileio::save_json(&out, &results)?;
    for e in &results.run.epochs {
        println!(
            "epoch {:>2}: training loss {:.3} nats/char, held-out perplexity {:.2} ({:.1} s)",
            e.epoch, e.train_loss, e.held_out_perplexity, e.seconds
        );
    }
    for s in &results.run.samples {
        println!("--- temperature {}\n{}", s.temperature, s.text);
    }
    let run = &results.run;
    println!(
        "held-out perplexity {:.2} (unigram baseline {:.2}); wrote {}",
        run.best_perplexity,
        run.unigram_perplexity,
        out.display()
    );
    if run.best_perplexity.is_nan() || run.best_perplexity >= run.unigram_perplexity {
        bail!("the model does not beat the unigram baseline");
    }
    Ok(())
}
