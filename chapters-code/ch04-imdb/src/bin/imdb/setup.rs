//! The options every training command shares, with the bounds clap checks
//! (the rest is [`RunConfig::validate`]'s).

use clap::Args;
use clap::builder::RangedU64ValueParser;
use imdb_data::pad::Side;
use imdb_data::prepare::{MAX_MAXLEN, MAX_NUM_WORDS, PrepConfig};
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::RunConfig;

#[derive(Args, Clone)]
pub struct Setup {
    /// The recurrent cell (the -fast ones are section 3.4's fast path).
    #[arg(long, value_enum, default_value = "lstm")]
    pub cell: CellKind,
    /// per-step: the article's model; last-state: the classic classifier; last-real: masked.
    #[arg(long, value_enum, default_value = "last-real")]
    pub head: Head,
    /// Passes over the training reviews.
    #[arg(long, default_value_t = 5, value_parser = at_least_one)]
    pub epochs: usize,
    /// Reviews per training step.
    #[arg(long, default_value_t = 32, value_parser = at_least_one)]
    pub batch_size: usize,
    /// Ids kept per review (1 to 10,000).
    #[arg(long, default_value_t = 50, value_parser = between(1, MAX_MAXLEN))]
    pub maxlen: usize,
    /// The vocabulary's size, its 3 reserved ids included (4 to 1,000,000;
    /// the dataset has about 90,000 distinct words).
    #[arg(long, default_value_t = 20_000, value_parser = between(4, MAX_NUM_WORDS))]
    pub num_words: usize,
    /// Where a short review gets its padding: after the review (post) or before it (pre).
    #[arg(long, value_enum, default_value = "post")]
    pub padding: Side,
    /// Which end of a long review is cut: its start (pre, keeping the end) or its end (post).
    #[arg(long, value_enum, default_value = "pre")]
    pub truncating: Side,
    /// Clip the global gradient norm to this value (a positive finite number).
    #[arg(long, value_parser = positive_finite)]
    pub clip: Option<f64>,
    /// Use only this many reviews of each split (half of each class; at
    /// least 8, to hold out validation reviews of both classes).
    #[arg(long)]
    pub limit: Option<usize>,
    /// The seed of the initial weights, the validation split and the batch order.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

/// A count of at least one (epochs, reviews per batch).
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("it must be at least 1".to_owned()),
        Ok(count) => Ok(count),
        Err(e) => Err(e.to_string()),
    }
}

/// A count from `low` to `high`.
fn between(low: usize, high: usize) -> RangedU64ValueParser<usize> {
    RangedU64ValueParser::<usize>::new().range(low as u64..=high as u64)
}

/// A positive finite number: a clipping norm of 0 would stop learning, a
/// negative one would climb the loss, NaN or infinity would poison the weights.
fn positive_finite(text: &str) -> Result<f64, String> {
    let value: f64 = text.trim().parse().map_err(|e| format!("{e}"))?;
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(format!(
            "{value} is not a positive finite number (the largest gradient norm allowed)"
        ))
    }
}

impl Setup {
    pub fn config(&self) -> RunConfig {
        let mut config = RunConfig::article(self.cell, self.head);
        config.prep = PrepConfig {
            num_words: self.num_words,
            maxlen: self.maxlen,
            padding: self.padding,
            truncating: self.truncating,
            limit: self.limit,
            seed: self.seed,
            ..PrepConfig::default()
        };
        config.train.epochs = self.epochs;
        config.train.batch_size = self.batch_size;
        config.train.seed = self.seed;
        config.train.clip = self.clip;
        config
    }
}
