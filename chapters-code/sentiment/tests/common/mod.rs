//! A small synthetic task shared by the tests: reviews of random filler
//! words (ids 5..30) with one sentiment word, id 3 (positive) or 4
//! (negative), and a small configuration that learns it.

// Each test file uses a part of these.
#![allow(dead_code)]

use imdb_data::pad::{Side, pad_sequences};
use imdb_data::prepare::{Examples, Prepared};
use imdb_data::vocab::Vocabulary;
use ndarray::Array1;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::{RunConfig, RunResult};

/// `n` reviews of random filler words (ids 5..30) with one sentiment word:
/// id 3 (positive) or 4 (negative).
pub fn examples(n: usize, seed: u64) -> Examples {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut sequences = Vec::new();
    let mut labels = Vec::new();
    for _ in 0..n {
        let len = rng.random_range(4..12);
        let mut ids: Vec<u32> = std::iter::once(1)
            .chain((0..len).map(|_| rng.random_range(5..30)))
            .collect();
        let label = rng.random_bool(0.5);
        let at = rng.random_range(1..ids.len());
        ids[at] = if label { 3 } else { 4 };
        sequences.push(ids);
        labels.push(if label { 1.0 } else { 0.0 });
    }
    Examples {
        padded: pad_sequences(&sequences, 12, Side::Post, Side::Pre),
        labels: Array1::from(labels),
    }
}

/// Training, validation and test reviews of the task, for a vocabulary of 30 ids.
pub fn data() -> Prepared {
    Prepared {
        vocab: Vocabulary::build(["w"], 30),
        train: examples(512, 1),
        validation: examples(128, 2),
        test: examples(256, 3),
    }
}

/// A small model of `cell` that learns the task in a few epochs.
pub fn config(cell: CellKind, epochs: usize) -> RunConfig {
    let mut config = RunConfig::article(cell, Head::LastReal);
    config.prep.num_words = 30;
    config.embedding_dim = 8;
    config.hidden = 8;
    config.train.epochs = epochs;
    config.train.adam.lr = 1e-2;
    config
}

/// Train `config` on `data` into the run folder `dir`, from scratch (no
/// resume, no progress bar); panics if the run fails.
pub fn train_into(dir: &std::path::Path, config: &RunConfig, data: &Prepared) -> RunResult {
    sentiment::run::run(config, data, Some(dir), false, false).expect("the run trains")
}
