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
use crate::vocab::Vocabulary;

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
/// a seeded validation part of the training reviews, encode and pad.
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
/// `config.maxlen`, `padding` and `truncating` are not used here.
pub fn encode(aclimdb: &Path, config: &PrepConfig) -> Result<Encoded, DataError> {
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
