//! From the aclImdb folder to padded id matrices: vocabulary, encoding,
//! a validation split held out from the training reviews, padding.

use std::path::Path;

use ndarray::Array1;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::error::DataError;
use crate::loader::{Review, Split, load_split};
use crate::pad::{Padded, Side, pad_sequences};
use crate::vocab::{FIRST_WORD, Vocabulary};

/// The largest `num_words` a run may ask for. The dataset's own word list
/// (`aclImdb/imdb.vocab`) has 89,527 words, so a larger vocabulary only adds
/// embedding rows that no review uses; the bound keeps a mistyped value from
/// asking for an embedding that cannot be allocated.
pub const MAX_NUM_WORDS: usize = 1_000_000;

/// The largest `maxlen` a run may ask for: longer than any review of the
/// dataset (the longest has under 2,600 ids), and small enough that the
/// padded arrays of 50,000 reviews can be allocated.
pub const MAX_MAXLEN: usize = 10_000;

/// The preprocessing settings (the article's: 20,000 words, 50 ids, post-padding, pre-truncation).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PrepConfig {
    pub num_words: usize,
    pub maxlen: usize,
    pub padding: Side,
    pub truncating: Side,
    /// The share of the training reviews held out for validation.
    pub validation_fraction: f64,
    /// Seed of the validation split.
    pub seed: u64,
    /// Use only this many reviews of each split (for quick runs); `None` for all.
    pub limit: Option<usize>,
}

impl Default for PrepConfig {
    fn default() -> Self {
        PrepConfig {
            num_words: 20_000,
            maxlen: 50,
            padding: Side::Post,
            truncating: Side::Pre,
            validation_fraction: 0.2,
            seed: 42,
            limit: None,
        }
    }
}

impl PrepConfig {
    /// Check every setting against its range, before any file is read: a
    /// vocabulary with room for words beyond the reserved ids, a positive
    /// `maxlen`, a validation share strictly between 0 and 1, and a `limit`
    /// that leaves reviews both to train on and to validate with.
    pub fn validate(&self) -> Result<(), DataError> {
        let problem = |problem: String| Err(DataError::Setting { problem });
        let reserved = FIRST_WORD as usize;
        if !(reserved + 1..=MAX_NUM_WORDS).contains(&self.num_words) {
            return problem(format!(
                "num_words is {}: it must be between {} and {MAX_NUM_WORDS} (the vocabulary reserves {reserved} ids for padding, the start marker and unknown words; the dataset has about 90,000 distinct words)",
                self.num_words,
                reserved + 1
            ));
        }
        if !(1..=MAX_MAXLEN).contains(&self.maxlen) {
            return problem(format!(
                "maxlen is {}: it must be between 1 and {MAX_MAXLEN} ids per review",
                self.maxlen
            ));
        }
        let fraction = self.validation_fraction;
        if !(fraction > 0.0 && fraction < 1.0) {
            return problem(format!(
                "validation_fraction is {fraction}: it must be strictly between 0 and 1"
            ));
        }
        if let Some(limit) = self.limit
            && !self.limit_leaves_both_parts(limit)
        {
            // The smallest limit that does: rounding the held-out share
            // moves it by at most half a review, so none is below this bound.
            let bound = (1.5 / fraction).max(1.5 / (1.0 - fraction));
            let mut least = (bound.min(1e12) as usize).saturating_sub(2) & !1;
            while !self.limit_leaves_both_parts(least) {
                least += 2;
            }
            return problem(format!(
                "limit is {limit}: {} training reviews ({} of each class) are too few to hold out a validation part of {:.0}% and train on the rest; use a limit of at least {least}",
                2 * (limit / 2),
                limit / 2,
                100.0 * fraction
            ));
        }
        Ok(())
    }

    /// Whether `limit` reviews (half of each class) leave at least two to
    /// validate with and two to train on, so that each part can hold both classes.
    fn limit_leaves_both_parts(&self, limit: usize) -> bool {
        let kept = 2 * (limit / 2);
        let held_out = (kept as f64 * self.validation_fraction).round() as usize;
        held_out >= 2 && kept.saturating_sub(held_out) >= 2
    }
}

/// Padded ids and labels of one part of the data.
#[derive(Debug, Clone)]
pub struct Examples {
    pub padded: Padded,
    pub labels: Array1<f32>,
}

impl Examples {
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

/// The data ready for training.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub vocab: Vocabulary,
    pub train: Examples,
    pub validation: Examples,
    pub test: Examples,
}

// ANCHOR: prepare
/// Load both splits, build the vocabulary from the training split, hold out
/// a seeded validation part of the training reviews, encode and pad. The
/// settings are checked first ([`PrepConfig::validate`]).
pub fn prepare(aclimdb: &Path, config: &PrepConfig) -> Result<Prepared, DataError> {
    Ok(encode(aclimdb, config)?.pad(config.maxlen, config.padding, config.truncating))
}
// ANCHOR_END: prepare

/// The reviews of one part as id sequences of any length, with their labels.
#[derive(Debug, Clone)]
pub struct EncodedPart {
    pub ids: Vec<Vec<u32>>,
    pub labels: Array1<f32>,
}

impl EncodedPart {
    fn new(reviews: &[&Review], vocab: &Vocabulary) -> Self {
        EncodedPart {
            ids: reviews.iter().map(|r| vocab.encode(&r.text)).collect(),
            labels: reviews.iter().map(|r| f32::from(r.label)).collect(),
        }
    }

    fn pad(&self, maxlen: usize, padding: Side, truncating: Side) -> Examples {
        Examples {
            padded: pad_sequences(&self.ids, maxlen, padding, truncating),
            labels: self.labels.clone(),
        }
    }
}

/// The data tokenized and split but not yet padded: pad it as many ways as
/// an experiment needs without reading the reviews again.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub vocab: Vocabulary,
    pub train: EncodedPart,
    pub validation: EncodedPart,
    pub test: EncodedPart,
}

impl Encoded {
    /// Every part padded and truncated to `maxlen` ids.
    pub fn pad(&self, maxlen: usize, padding: Side, truncating: Side) -> Prepared {
        Prepared {
            vocab: self.vocab.clone(),
            train: self.train.pad(maxlen, padding, truncating),
            validation: self.validation.pad(maxlen, padding, truncating),
            test: self.test.pad(maxlen, padding, truncating),
        }
    }
}

/// Load both splits, build the vocabulary from the training split, hold out
/// a seeded validation part of the training reviews, and encode them all.
/// `config.maxlen`, `padding` and `truncating` are not used here. The
/// settings are checked before any file is read ([`PrepConfig::validate`]).
pub fn encode(aclimdb: &Path, config: &PrepConfig) -> Result<Encoded, DataError> {
    config.validate()?;
    let mut train = load_split(aclimdb, Split::Train)?;
    let mut test = load_split(aclimdb, Split::Test)?;
    if let Some(limit) = config.limit {
        keep_balanced(&mut train, limit, config.seed);
        keep_balanced(&mut test, limit, config.seed + 1);
    }
    let vocab = Vocabulary::build(train.iter().map(|r| r.text.as_str()), config.num_words);
    let mut order: Vec<usize> = (0..train.len()).collect();
    order.shuffle(&mut StdRng::seed_from_u64(config.seed));
    let held_out = (train.len() as f64 * config.validation_fraction).round() as usize;
    let (validation_part, train_part) = order.split_at(held_out);
    let pick = |indices: &[usize]| indices.iter().map(|&i| &train[i]).collect::<Vec<_>>();
    Ok(Encoded {
        train: EncodedPart::new(&pick(train_part), &vocab),
        validation: EncodedPart::new(&pick(validation_part), &vocab),
        test: EncodedPart::new(&test.iter().collect::<Vec<_>>(), &vocab),
        vocab,
    })
}

/// Keep `limit` reviews, half of each class, chosen with `seed`.
fn keep_balanced(reviews: &mut Vec<Review>, limit: usize, seed: u64) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut kept = Vec::with_capacity(limit);
    for label in [0, 1] {
        let mut class: Vec<Review> = reviews
            .iter()
            .filter(|r| r.label == label)
            .cloned()
            .collect();
        class.shuffle(&mut rng);
        class.truncate(limit / 2);
        kept.extend(class);
    }
    *reviews = kept;
}
