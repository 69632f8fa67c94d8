//! Training the bag-of-words baseline ([`crate::bow`]) on chapter 4's data:
//! the same vocabulary, the same training, validation and test reviews,
//! whole reviews (no maxlen). The penalty λ and the number of epochs are
//! chosen on the validation part; the test set is scored once, with the
//! chosen model.

use std::time::Instant;

use imdb_data::prepare::Encoded;
use layers::adam::{Adam, AdamConfig};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::bow::{BagOfWords, bag};

/// The settings of the baseline's search.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BowConfig {
    /// The penalties λ tried (none, then powers of ten), each trained from zero weights.
    pub lambdas: Vec<f64>,
    pub epochs: usize,
    pub batch_size: usize,
    pub lr: f64,
    /// Seeds the order of the batches.
    pub seed: u64,
}

impl Default for BowConfig {
    fn default() -> Self {
        BowConfig {
            lambdas: vec![0.0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2],
            epochs: 10,
            batch_size: 64,
            lr: 3e-3,
            seed: 1,
        }
    }
}

/// One epoch of one λ.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BowEpoch {
    pub lambda: f64,
    pub epoch: usize,
    /// Mean training loss (cross-entropy and penalty) over the epoch's batches.
    pub train_loss: f64,
    pub validation_accuracy: f64,
}

/// What the search measured, and the chosen model's test accuracy.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BowRun {
    pub config: BowConfig,
    /// θ's length: the vocabulary's ids (the reserved ones stay at zero), plus one bias.
    pub parameters: usize,
    pub train_reviews: usize,
    pub validation_reviews: usize,
    pub test_reviews: usize,
    pub curve: Vec<BowEpoch>,
    /// The (λ, epoch) with the best validation accuracy (the first, if tied).
    pub chosen_lambda: f64,
    pub chosen_epoch: usize,
    pub validation_accuracy: f64,
    /// The chosen model on the test set, scored once.
    pub test_accuracy: f64,
    /// The whole search (every λ and epoch) and the test, after the data was read.
    pub seconds: f64,
    /// The process's peak resident memory at the end, MiB (not in files recorded before it was).
    #[serde(default)]
    pub peak_memory_mib: Option<f64>,
}

/// Bags of words and labels of one part of the data.
struct Part {
    bags: Vec<Vec<u32>>,
    labels: Vec<f32>,
}

impl Part {
    fn of(part: &imdb_data::prepare::EncodedPart) -> Self {
        Part {
            bags: part.ids.iter().map(|ids| bag(ids)).collect(),
            labels: part.labels.to_vec(),
        }
    }
}

// ANCHOR: train
/// Train one model per λ of `config` for `config.epochs` epochs, keep the
/// (λ, epoch) whose model is best on the validation part, and score it once
/// on the test part.
pub fn train_baseline(data: &Encoded, config: &BowConfig) -> BowRun {
    let start = Instant::now();
    let (train, validation, test) = (
        Part::of(&data.train),
        Part::of(&data.validation),
        Part::of(&data.test),
    );
    let words = data.vocab.num_words();
    let mut curve = Vec::new();
    let mut best: Option<(f64, f64, usize, BagOfWords<f32>)> = None;
    for &lambda in &config.lambdas {
        let mut model = BagOfWords::<f32>::new(words);
        let mut adam = Adam::new(AdamConfig {
            lr: config.lr,
            ..AdamConfig::default()
        });
        let mut rng = StdRng::seed_from_u64(config.seed);
        let mut order: Vec<usize> = (0..train.bags.len()).collect();
        for epoch in 1..=config.epochs {
            order.shuffle(&mut rng);
            let mut loss_sum = 0.0;
            let batches = order.chunks(config.batch_size);
            let count = batches.len();
            for batch in batches {
                let bags: Vec<&[u32]> =
                    batch.iter().map(|&i| train.bags[i].as_slice()).collect();
                let labels: Vec<f32> = batch.iter().map(|&i| train.labels[i]).collect();
                let grads = model.loss_and_grads(&bags, &labels, lambda as f32);
                loss_sum += f64::from(grads.loss);
                adam.update(&mut model, &grads.named);
            }
            let accuracy = model.accuracy(&validation.bags, &validation.labels);
            curve.push(BowEpoch {
                lambda,
                epoch,
                train_loss: loss_sum / count as f64,
                validation_accuracy: accuracy,
            });
            if best.as_ref().is_none_or(|b| accuracy > b.0) {
                best = Some((accuracy, lambda, epoch, model.clone()));
            }
        }
    }
    let (validation_accuracy, chosen_lambda, chosen_epoch, chosen) =
        best.expect("at least one lambda and one epoch");
    BowRun {
        config: config.clone(),
        parameters: words + 1,
        train_reviews: train.bags.len(),
        validation_reviews: validation.bags.len(),
        test_reviews: test.bags.len(),
        curve,
        chosen_lambda,
        chosen_epoch,
        validation_accuracy,
        test_accuracy: chosen.accuracy(&test.bags, &test.labels),
        seconds: start.elapsed().as_secs_f64(),
        peak_memory_mib: Some(sentiment::train::peak_memory_mib()),
    }
}
// ANCHOR_END: train
