//! `imdb baseline`: the bag-of-words logistic regression, on chapter 4's
//! split of the data, recorded for the book.

use anyhow::{Context, Result};
use clap::Args;
use fileio::RunArgs;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::prepare::{PrepConfig, encode};
use imdb_sentiment::bow_train::{BowConfig, BowRun, train_baseline};

#[derive(Args)]
pub struct Baseline {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

/// A results file of `imdb baseline`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BaselineResults {
    pub provenance: fileio::Provenance,
    pub quick: bool,
    /// The vocabulary, split and limit of the data (chapter 4's, whole reviews).
    pub prep: PrepConfig,
    pub run: BowRun,
}

impl Baseline {
    pub fn run(self) -> Result<()> {
        let Baseline { data, run: args } = self;
        let out =
            args.checked_out("ch04-bow.json", args.seed == BowConfig::default().seed)?;
        // Chapter 4's split: PrepConfig's default seed, as its runs use.
        let prep = PrepConfig {
            // The quick form: a few thousand reviews, for CI.
            limit: args.quick.then_some(4000),
            ..PrepConfig::default()
        };
        prep.validate()?;
        let config = BowConfig {
            seed: args.seed,
            epochs: if args.quick {
                2
            } else {
                BowConfig::default().epochs
            },
            ..BowConfig::default()
        };
        let root =
            locate(&data.options()).context("the baseline needs the IMDB dataset")?;
        let provenance = args.provenance();
        let encoded = encode(&root, &prep)?;
        let run = train_baseline(&encoded, &config);
        println!(
            "bag of words: λ = {:e}, epoch {}: validation accuracy {:.4}, test accuracy {:.4} ({} test reviews) in {:.1} s",
            run.chosen_lambda,
            run.chosen_epoch,
            run.validation_accuracy,
            run.test_accuracy,
            run.test_reviews,
            run.seconds
        );
        let results = BaselineResults {
            provenance,
            quick: args.quick,
            prep,
            run,
        };
        fileio::save_json(&out, &results)?;
        println!("wrote {}", out.display());
        Ok(())
    }
}
