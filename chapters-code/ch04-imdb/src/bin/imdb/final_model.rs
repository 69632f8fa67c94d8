//! `imdb final`: chapter 4's final model ("Putting it together"), trained
//! with several seeds on chapter 4's split, recorded for the book.

use anyhow::{Context, Result};
use clap::Args;
use fileio::RunArgs;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::pad::Side;
use imdb_data::prepare::{PrepConfig, prepare};
use imdb_sentiment::deep::Pool;
use imdb_sentiment::deep_train::{DeepConfig, train_deep};
use imdb_sentiment::together::{Candidate, FinalResults};

#[derive(Args)]
pub struct Final {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub run: RunArgs,
    /// How many seeds to train: --seed, --seed + 1, … (the book reports their median).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=20))]
    pub seeds: u64,
    /// Settings other than the book's (the results then go to target/custom/).
    #[command(flatten)]
    pub settings: Settings,
}

/// The model's settings, each defaulting to the book's.
#[derive(Args)]
pub struct Settings {
    /// Embedding dimensions E.
    #[arg(long, value_name = "E")]
    pub embedding_dim: Option<usize>,
    /// LSTM units per direction H.
    #[arg(long, value_name = "H")]
    pub hidden: Option<usize>,
    /// Drop probability of a word (every occurrence of it in a review).
    #[arg(long, value_name = "P")]
    pub word_dropout: Option<f64>,
    /// Drop probability of the input (embedding) dropout, one mask per review.
    #[arg(long, value_name = "P")]
    pub input_dropout: Option<f64>,
    /// Drop probability of the recurrent dropout (h_{t-1} of both directions).
    #[arg(long, value_name = "P")]
    pub recurrent_dropout: Option<f64>,
    /// Drop probability of the output dropout (the mean the dense layer reads).
    #[arg(long, value_name = "P")]
    pub output_dropout: Option<f64>,
    /// Adam's learning rate.
    #[arg(long)]
    pub lr: Option<f64>,
    /// Ids kept per review.
    #[arg(long, value_name = "IDS")]
    pub maxlen: Option<usize>,
    /// Train only this pooling of the real steps' states, mean or max (default: both, one chosen on validation).
    #[arg(long, value_enum)]
    pub pool: Option<imdb_sentiment::deep::Pool>,
}

impl Settings {
    /// The book's configuration with these settings in place.
    fn apply(&self, mut config: DeepConfig) -> DeepConfig {
        config.embedding_dim = self.embedding_dim.unwrap_or(config.embedding_dim);
        config.hidden = self.hidden.unwrap_or(config.hidden);
        config.dropout.words = self.word_dropout.unwrap_or(config.dropout.words);
        config.dropout.input = self.input_dropout.unwrap_or(config.dropout.input);
        config.dropout.recurrent =
            self.recurrent_dropout.unwrap_or(config.dropout.recurrent);
        config.dropout.output = self.output_dropout.unwrap_or(config.dropout.output);
        config.lr = self.lr.unwrap_or(config.lr);
        config.pool = self.pool.unwrap_or(config.pool);
        config
    }

    /// Whether every setting is the book's.
    fn is_book(&self) -> bool {
        let Settings {
            embedding_dim,
            hidden,
            word_dropout,
            input_dropout,
            recurrent_dropout,
            output_dropout,
            lr,
            maxlen,
            pool,
        } = self;
        embedding_dim.is_none()
            && hidden.is_none()
            && word_dropout.is_none()
            && input_dropout.is_none()
            && recurrent_dropout.is_none()
            && output_dropout.is_none()
            && lr.is_none()
            && maxlen.is_none()
            && pool.is_none()
    }
}

impl Final {
    pub fn run(self) -> Result<()> {
        let Final {
            data,
            run: args,
            seeds,
            settings,
        } = self;
        let book =
            args.seed == DeepConfig::default().seed && seeds == 3 && settings.is_book();
        let out = args.checked_out("ch04-final.json", book)?;
        // Chapter 4's split: PrepConfig's default seed, as its runs use.
        let prep = PrepConfig {
            maxlen: settings
                .maxlen
                .unwrap_or(if args.quick { 100 } else { 400 }),
            padding: Side::Pre,
            truncating: Side::Pre,
            limit: args.quick.then_some(2000),
            ..PrepConfig::default()
        };
        prep.validate()?;
        let root =
            locate(&data.options()).context("the final model needs the IMDB dataset")?;
        let provenance = args.provenance();
        eprintln!(
            "data: {} (reading, tokenizing and padding the reviews…)",
            root.display()
        );
        let prepared = prepare(&root, &prep)?;
        // Both poolings unless --pool names one; the one chosen is the one
        // with the better median validation accuracy.
        let pools = match settings.pool {
            Some(pool) => vec![pool],
            None => vec![Pool::Mean, Pool::Max],
        };
        let mut candidates = Vec::new();
        for pool in pools {
            let mut runs = Vec::new();
            for seed in args.seed..args.seed + seeds {
                let config = settings.apply(DeepConfig {
                    seed,
                    pool,
                    max_epochs: if args.quick {
                        2
                    } else {
                        DeepConfig::default().max_epochs
                    },
                    ..DeepConfig::default()
                });
                let run = train_deep(&prepared, &config, true)?;
                println!(
                    "{pool:?} pool, seed {seed}: epoch {} chosen (validation {:.4}) of {} run; test accuracy {:.4}; {:.1} s per epoch",
                    run.chosen_epoch,
                    run.validation_accuracy,
                    run.epochs.len(),
                    run.test_accuracy,
                    run.epochs.iter().map(|e| e.seconds).sum::<f64>()
                        / run.epochs.len() as f64
                );
                runs.push(run);
            }
            candidates.push(Candidate::of(pool, runs));
        }
        let results = FinalResults::choose(provenance, args.quick, prep, candidates);
        let chosen = results.chosen();
        println!(
            "chosen on validation: {:?} pool (median validation {:.4}); median test accuracy over {seeds} seeds: {:.4}",
            chosen.pool, chosen.median_validation_accuracy, chosen.median_test_accuracy
        );
        fileio::save_json(&out, &results)?;
        println!("wrote {}", out.display());
        Ok(())
    }
}
