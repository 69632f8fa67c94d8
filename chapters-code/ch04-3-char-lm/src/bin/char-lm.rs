//! `char-lm`: train the character language model of section 4.3 on the
//! Rust standard library's source (the `rust-src` component) and let it write.
//!
//! ```console
//! $ rustup component add rust-src
//! $ cargo run --release -p char-lm --bin char-lm -- train           # the book's run, rewrites book/results/ch04-3-char-lm.json
//! $ cargo run --release -p char-lm --bin char-lm -- train --quick   # the CI form, on the book's own pages, writes target/quick/
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use char_lm::corpus::{Corpus, Split, read_markdown};
use char_lm::experiment::{CharLmResults, full, quick};
use char_lm::experiment::{CorpusInfo, NGRAM_ORDER};
use char_lm::findings::{find_units, ngram_baseline};
use char_lm::rust_src;
use char_lm::train::train;
use clap::{Parser, Subcommand};
use fileio::RunArgs;

#[derive(Parser)]
#[command(
    about = "A character-level LSTM language model trained on the Rust standard library's source (section 4.3)"
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
        /// Learn from this folder of Markdown files instead, each file's last
        /// tenth held out (--quick: the book/ folder of the repository this
        /// program was built from).
        #[arg(long, conflicts_with = "rust_src")]
        text: Option<PathBuf>,
        /// The `library` folder of the Rust source to learn from (default: the
        /// rust-src component of the toolchain that runs `rustc`).
        #[arg(long)]
        rust_src: Option<PathBuf>,
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

/// The texts to learn from and how they are split: a Markdown folder
/// (`--text`), the book's pages (`--quick`), or the Rust source.
fn read_corpus(
    text: Option<PathBuf>,
    rust_src: Option<PathBuf>,
    quick: bool,
) -> Result<(Vec<(String, String)>, CorpusInfo)> {
    let markdown = |dir: PathBuf| -> Result<_> {
        let info = CorpusInfo {
            description: format!("the Markdown files of {}", dir.display()),
            toolchain: None,
            split: Split::Tail(0.1),
        };
        Ok((read_markdown(&dir)?, info))
    };
    match (text, rust_src) {
        (Some(dir), _) => markdown(dir),
        (None, None) if quick => markdown(book_folder()?),
        (None, library) => {
            let library = match library {
                Some(dir) => dir,
                None => rust_src::library_dir()?,
            };
            let info = CorpusInfo {
                description: format!(
                    "the Rust standard library's source: library/{{{}}}/src",
                    rust_src::CRATES.join(",")
                ),
                toolchain: Some(rust_src::toolchain()?),
                split: Split::EveryNthFile(20),
            };
            Ok((rust_src::read_sources(&library, &rust_src::CRATES)?, info))
        }
    }
}

/// Errors are printed as a message and its causes, without a backtrace
/// (see [`fileio::report`]).
fn main() -> ExitCode {
    fileio::report(run())
}

fn run() -> Result<()> {
    let Command::Train {
        run: args,
        text,
        rust_src,
    } = Cli::parse().command;
    // Another text or seed than the book's never writes over the book's results.
    let book = text.is_none() && rust_src.is_none() && args.seed == BOOK_SEED;
    let out = args.checked_out("ch04-3-char-lm.json", book)?;
    let config = if args.quick {
        quick(args.seed)
    } else {
        full(args.seed)
    };
    let (texts, info) = read_corpus(text, rust_src, args.quick)?;
    let corpus = Corpus::build(&texts, info.split, 3);
    // Every stream needs an input and a target; the held-out part, one of each.
    if corpus.train.len() < 2 * config.streams || corpus.held_out.len() < 2 {
        bail!(
            "{}: {} training and {} held-out characters are too few for {} streams of at least 2 characters and a held-out text of at least 2",
            info.description,
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
    let provenance = args.provenance();
    let (run, model) = train(&corpus, &config, true);
    let ngram = ngram_baseline(&corpus, NGRAM_ORDER);
    let stretch = if args.quick { 2_000 } else { 40_000 };
    let units = find_units(&model, &corpus, stretch, 24);
    let results = CharLmResults {
        provenance,
        quick: args.quick,
        corpus: info,
        run,
        ngram,
        units,
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
    for u in &results.units.units {
        println!(
            "{}: unit {} (r = {:.3} where chosen, {:.3} on the next {} characters)",
            u.feature, u.unit, u.r_chosen, u.r_measured, results.units.stretch
        );
    }
    println!(
        "held-out perplexity {:.2} (unigram baseline {:.2}, {}-gram Kneser-Ney {:.2}); wrote {}",
        run.best_perplexity,
        run.unigram_perplexity,
        results.ngram.order,
        results.ngram.held_out_perplexity,
        out.display()
    );
    if run.best_perplexity.is_nan() || run.best_perplexity >= run.unigram_perplexity {
        bail!("the model does not beat the unigram baseline");
    }
    Ok(())
}
