//! `imdb classify`: a trained model on any text, with the tokens that moved it.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use sentiment::explain::explain;
use sentiment::run::{Trained, load_trained};

#[derive(Args)]
pub struct Classify {
    #[arg(long)]
    pub run_dir: PathBuf,
    /// How many tokens to show.
    #[arg(long, default_value_t = 8)]
    pub top: usize,
    pub text: String,
}

impl Classify {
    pub fn run(self) -> Result<()> {
        let Classify { run_dir, top, text } = self;
        // The configuration, the model and the vocabulary, checked against each other.
        let Trained {
            config,
            model,
            vocab,
        } = load_trained(&run_dir)?;
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
        effects.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()));
        for e in effects.iter().take(top) {
            println!("  {:>+8.4}  {}", e.effect, e.token);
        }
        Ok(())
    }
}
