//! The recorded run of the section, and its quick form for CI.

use crate::train::{CharLmConfig, CharLmRun};

/// A results file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CharLmResults {
    /// The command line, commit, date and machine that made the file.
    pub provenance: fileio::Provenance,
    pub quick: bool,
    pub run: CharLmRun,
}

/// The book's run.
pub fn full(seed: u64) -> CharLmConfig {
    CharLmConfig {
        hidden: 256,
        streams: 32,
        chunk: 64,
        epochs: 80,
        lr: 2e-3,
        clip: 1.0,
        seed,
        prompt: "The LSTM".to_owned(),
        sample_length: 300,
        temperatures: vec![0.5, 0.8, 1.0],
    }
}

/// The CI run: a small model, a few epochs.
pub fn quick(seed: u64) -> CharLmConfig {
    CharLmConfig {
        hidden: 32,
        epochs: 6,
        lr: 1e-2,
        sample_length: 80,
        ..full(seed)
    }
}
