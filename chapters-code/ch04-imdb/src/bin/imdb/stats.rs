//! `imdb stats`: how long the reviews are, and how much of them a maxlen keeps.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;
use fileio::Provenance;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::vocab::Vocabulary;
use serde::Serialize;

/// The maxlens whose shares are recorded (the article's, and the FAQ's sweep).
const MAXLENS: [usize; 4] = [50, 100, 200, 400];

#[derive(Args)]
pub struct Stats {
    #[command(flatten)]
    pub data: DataArgs,
    /// The maxlen to report on (the recorded file has 50, 100, 200 and 400 too).
    /// The ids kept per review, whose share of the reviews and ids is reported.
    #[arg(long, default_value_t = 50, value_parser = crate::setup::at_least_one)]
    pub maxlen: usize,
    /// Record the statistics in this JSON file (e.g. book/results/ch04-imdb-stats.json).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// A description of the machine, recorded with the statistics.
    #[arg(long)]
    pub machine: Option<String>,
}

/// The statistics of the training reviews' lengths, in word ids of the
/// 20,000-word vocabulary built from them.
#[derive(Serialize)]
struct Recorded {
    provenance: Provenance,
    reviews: usize,
    vocabulary: usize,
    median_ids: usize,
    mean_ids: f64,
    p90_ids: usize,
    maxlens: Vec<Share>,
}

/// What a maxlen does to the training reviews.
#[derive(Serialize)]
struct Share {
    maxlen: usize,
    /// The share of reviews shorter than maxlen (they get padding).
    shorter: f64,
    /// The share of reviews longer than maxlen (they are cut).
    longer: f64,
    /// The share of all word ids that are kept.
    ids_kept: f64,
}

impl Stats {
    pub fn run(self) -> Result<()> {
        if let Some(out) = &self.out {
            fileio::output::check_output(out, "--out")?;
        }
        let root = locate(&self.data.options())?;
        let train = imdb_data::loader::load_split(&root, imdb_data::loader::Split::Train)?;
        if train.is_empty() {
            bail!(
                "{}: no training reviews in neg/ or pos/; the statistics need the reviews of the Large Movie Review Dataset",
                root.join("train").display()
            );
        }
        let words = 20_000;
        let vocab = Vocabulary::build(train.iter().map(|r| r.text.as_str()), words);
        let mut lengths: Vec<usize> =
            train.iter().map(|r| vocab.encode(&r.text).len()).collect();
        lengths.sort_unstable();
        let n = lengths.len();
        let total: usize = lengths.iter().sum();
        let share = |maxlen: usize| Share {
            maxlen,
            shorter: lengths.iter().filter(|&&l| l < maxlen).count() as f64 / n as f64,
            longer: lengths.iter().filter(|&&l| l > maxlen).count() as f64 / n as f64,
            ids_kept: lengths.iter().map(|&l| l.min(maxlen)).sum::<usize>() as f64
                / total as f64,
        };
        let recorded = Recorded {
            provenance: Provenance::capture(self.machine.as_deref()),
            reviews: n,
            vocabulary: words,
            median_ids: lengths[n / 2],
            mean_ids: total as f64 / n as f64,
            p90_ids: lengths[n * 9 / 10],
            maxlens: MAXLENS.map(share).into(),
        };
        println!(
            "training reviews: {n}; ids per review: median {}, mean {:.0}, 90th percentile {}",
            recorded.median_ids, recorded.mean_ids, recorded.p90_ids
        );
        let asked = share(self.maxlen);
        println!(
            "maxlen {}: {:.1}% of reviews are shorter (and get padding), {:.1}% are cut; {:.1}% of all ids are kept",
            self.maxlen,
            100.0 * asked.shorter,
            100.0 * asked.longer,
            100.0 * asked.ids_kept
        );
        if let Some(out) = &self.out {
            fileio::save_json(out, &recorded)?;
            println!("{}", out.display());
        }
        Ok(())
    }
}
