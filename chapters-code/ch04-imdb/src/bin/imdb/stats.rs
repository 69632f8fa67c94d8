//! `imdb stats`: how long the reviews are, and how much of them a maxlen keeps.

use anyhow::{Result, bail};
use clap::Args;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::vocab::Vocabulary;

#[derive(Args)]
pub struct Stats {
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, default_value_t = 50, value_parser = crate::setup::at_least_one)]
    pub maxlen: usize,
}

impl Stats {
    pub fn run(self) -> Result<()> {
        let Stats { data, maxlen } = self;
        let root = locate(&data.options())?;
        let train = imdb_data::loader::load_split(&root, imdb_data::loader::Split::Train)?;
        if train.is_empty() {
            bail!(
                "{}: no training reviews in neg/ or pos/; the statistics need the reviews of the Large Movie Review Dataset",
                root.join("train").display()
            );
        }
        let vocab = Vocabulary::build(train.iter().map(|r| r.text.as_str()), 20_000);
        let mut lengths: Vec<usize> =
            train.iter().map(|r| vocab.encode(&r.text).len()).collect();
        lengths.sort_unstable();
        let shorter = lengths.iter().filter(|&&l| l < maxlen).count();
        let kept: usize = lengths.iter().map(|&l| l.min(maxlen)).sum();
        let total: usize = lengths.iter().sum();
        println!(
            "training reviews: {}; ids per review: median {}, mean {:.0}, 90th percentile {}",
            lengths.len(),
            lengths[lengths.len() / 2],
            total as f64 / lengths.len() as f64,
            lengths[lengths.len() * 9 / 10]
        );
        println!(
            "maxlen {maxlen}: {:.1}% of reviews are shorter (and get padding); {:.1}% of all ids are kept",
            100.0 * shorter as f64 / lengths.len() as f64,
            100.0 * kept as f64 / total as f64
        );
        Ok(())
    }
}
