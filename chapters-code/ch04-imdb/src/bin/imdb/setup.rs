//! The options every training command shares.

use clap::Args;
use imdb_data::pad::Side;
use imdb_data::prepare::PrepConfig;
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::RunConfig;

#[derive(Args, Clone)]
pub struct Setup {
    #[arg(long, value_enum, default_value = "lstm")]
    pub cell: CellKind,
    /// per-step: the article's model; last-state: the classic classifier; last-real: masked.
    #[arg(long, value_enum, default_value = "last-real")]
    pub head: Head,
    #[arg(long, default_value_t = 5)]
    pub epochs: usize,
    #[arg(long, default_value_t = 32)]
    pub batch_size: usize,
    #[arg(long, default_value_t = 50)]
    pub maxlen: usize,
    #[arg(long, default_value_t = 20_000)]
    pub num_words: usize,
    #[arg(long, value_enum, default_value = "post")]
    pub padding: Side,
    #[arg(long, value_enum, default_value = "pre")]
    pub truncating: Side,
    /// Clip the global gradient norm to this value.
    #[arg(long)]
    pub clip: Option<f64>,
    /// Use only this many reviews of each split (half of each class).
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
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
