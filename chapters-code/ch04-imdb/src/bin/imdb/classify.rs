//! `imdb classify`: a trained model on any text, with the tokens that moved it.

use std::io::Read;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;
use sentiment::explain::{Coverage, explain};
use sentiment::run::{Trained, load_trained};

#[derive(Args)]
pub struct Classify {
    /// The run folder of a trained model (made by `imdb train`).
    #[arg(long)]
    pub run_dir: PathBuf,
    /// How many tokens to show.
    #[arg(long, default_value_t = 8)]
    pub top: usize,
    /// Read the text from this file (UTF-8) instead of the command line.
    #[arg(long, conflicts_with = "text")]
    pub file: Option<PathBuf>,
    /// The text to classify; `-` reads it from standard input.
    pub text: Option<String>,
}

impl Classify {
    pub fn run(self) -> Result<()> {
        let Classify {
            run_dir,
            top,
            file,
            text,
        } = self;
        // The configuration, the model and the vocabulary, checked against each other.
        let Trained {
            config,
            model,
            vocab,
        } = load_trained(&run_dir)?;
        let text = read_text(file, text)?;
        let coverage = Coverage::of(&vocab, &text);
        let (p, mut effects) = explain(
            &model,
            &vocab,
            &text,
            config.prep.maxlen,
            config.prep.padding,
            config.prep.truncating,
        );
        println!(
            "P(positive) = {p:.4}: {}",
            if p > 0.5 { "positive" } else { "negative" }
        );
        println!("{}", coverage.describe(vocab.num_words()));
        effects.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()));
        for e in effects.iter().take(top) {
            println!("  {:>+8.4}  {}", e.effect, e.token);
        }
        Ok(())
    }
}

/// The text to classify: the file `file`, standard input for the text
/// `-`, or the text itself.
fn read_text(file: Option<PathBuf>, text: Option<String>) -> Result<String> {
    match (file, text.as_deref()) {
        (Some(path), _) => {
            let bytes = std::fs::read(&path)
                .with_context(|| format!("cannot read the text file {}", path.display()))?;
            String::from_utf8(bytes).map_err(|e| {
                anyhow::anyhow!(
                    "{} is not UTF-8 text (byte {} is not valid UTF-8)",
                    path.display(),
                    e.utf8_error().valid_up_to()
                )
            })
        }
        (None, Some("-")) => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read the text from standard input (is it UTF-8?)")?;
            Ok(text)
        }
        (None, Some(text)) => Ok(text.to_owned()),
        (None, None) => bail!(
            "no text to classify: give it on the command line, with --file PATH, or as - to read standard input"
        ),
    }
}
