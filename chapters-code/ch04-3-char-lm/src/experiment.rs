//! The recorded run of the section, and its quick form for CI.

use crate::corpus::Split;
use crate::findings::{NgramBaseline, UnitFindings};
use crate::train::{CharLmConfig, CharLmRun};

/// Where the text came from and how it was split.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CorpusInfo {
    pub description: String,
    /// `rustc -V` of the toolchain whose rust-src was read.
    pub toolchain: Option<String>,
    pub split: Split,
}

/// A results file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CharLmResults {
    /// The command line, commit, date and machine that made the file.
    pub provenance: fileio::Provenance,
    pub quick: bool,
    pub corpus: CorpusInfo,
    pub run: CharLmRun,
    /// The count-based baseline beside the unigram one.
    pub ngram: NgramBaseline,
    /// Units of the best epoch's model that track something checkable.
    pub units: UnitFindings,
}

/// The n-gram baseline's order.
pub const NGRAM_ORDER: usize = 5;

/// The book's run, on the Rust standard library's source.
pub fn full(seed: u64) -> CharLmConfig {
    CharLmConfig {
        hidden: 256,
        streams: 32,
        chunk: 64,
        epochs: 4,
        lr: 2e-3,
        clip: 1.0,
        seed,
        prompt: "    /// Returns ".to_owned(),
        sample_length: 400,
        temperatures: vec![0.5, 0.8, 1.0],
    }
}

/// The CI run, on the book's pages: a small model, a few epochs.
pub fn quick(seed: u64) -> CharLmConfig {
    CharLmConfig {
        hidden: 32,
        epochs: 6,
        lr: 1e-2,
        prompt: "The LSTM".to_owned(),
        sample_length: 80,
        ..full(seed)
    }
}
