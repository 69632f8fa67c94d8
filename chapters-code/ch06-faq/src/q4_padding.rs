//! Q4, padding and truncation: chapter 4's LSTM classifier trained with
//! every combination that matters, at several lengths.
//!
//! With masking, where the padding goes makes no difference to a
//! unidirectional layer: reading the state at the last real token of a
//! post-padded review gives exactly the state of the unpadded review from a
//! zero start, which is also what a layer that skips the leading padding of
//! a pre-padded review computes. So masked pre-padding and masked
//! post-padding are one variant here ("masked"), and the test
//! `masking_equals_no_padding_at_all` checks the equality.

use imdb_data::pad::Side;
use imdb_data::prepare::Encoded;
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::{RunConfig, RunResult, run};

use crate::record::Provenance;

/// One way of making the reviews the same length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Variant {
    pub padding: Side,
    pub truncating: Side,
    /// `LastReal` reads the state at the last real token (masking).
    pub head: Head,
}

impl Variant {
    /// Every variant of the experiment, the recommended one first.
    pub const ALL: [Variant; 4] = [
        Variant {
            padding: Side::Pre,
            truncating: Side::Pre,
            head: Head::LastState,
        },
        Variant {
            padding: Side::Post,
            truncating: Side::Pre,
            head: Head::LastState,
        },
        Variant {
            padding: Side::Post,
            truncating: Side::Pre,
            head: Head::LastReal,
        },
        Variant {
            padding: Side::Pre,
            truncating: Side::Post,
            head: Head::LastState,
        },
    ];

    /// The variant's name in the book.
    pub fn label(&self) -> String {
        let padding = match (self.padding, self.head) {
            (_, Head::LastReal) => "masked",
            (Side::Pre, _) => "pre-padding",
            (Side::Post, _) => "post-padding, no mask",
        };
        let truncating = match self.truncating {
            Side::Pre => "keep the end",
            Side::Post => "keep the start",
        };
        format!("{padding}, {truncating}")
    }
}

/// The grid and the training settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PaddingSweep {
    pub maxlens: Vec<usize>,
    pub variants: Vec<Variant>,
    pub epochs: usize,
    pub cell: CellKind,
    /// Reviews per split (half of each class), `None` for all 25,000.
    pub limit: Option<usize>,
    pub seed: u64,
}

/// One trained configuration.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PaddingRun {
    pub variant: Variant,
    pub maxlen: usize,
    /// Share of the training reviews shorter than maxlen (they get padding).
    pub padded_share: f64,
    pub result: RunResult,
}

/// The recorded experiment.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PaddingResults {
    pub provenance: Provenance,
    pub sweep: PaddingSweep,
    pub runs: Vec<PaddingRun>,
}

impl PaddingSweep {
    /// The book's sweep: all the data, maxlen 50 to 400, two epochs each.
    pub fn full(seed: u64) -> Self {
        PaddingSweep {
            maxlens: vec![50, 100, 200, 400],
            variants: Variant::ALL.to_vec(),
            epochs: 2,
            cell: CellKind::LstmFast,
            limit: None,
            seed,
        }
    }

    /// The CI sweep: 2,000 reviews per split, two lengths, one epoch.
    pub fn quick(seed: u64) -> Self {
        PaddingSweep {
            maxlens: vec![50, 100],
            epochs: 1,
            limit: Some(2000),
            ..PaddingSweep::full(seed)
        }
    }

    /// The run configuration of one point of the grid.
    pub fn config(&self, variant: Variant, maxlen: usize) -> RunConfig {
        let mut config = RunConfig::article(self.cell, variant.head);
        config.prep.maxlen = maxlen;
        config.prep.padding = variant.padding;
        config.prep.truncating = variant.truncating;
        config.prep.limit = self.limit;
        config.prep.seed = self.seed;
        config.train.epochs = self.epochs;
        config.train.seed = self.seed;
        config
    }
}

// ANCHOR: sweep
/// Train every (maxlen, variant) on the encoded reviews, padding them anew
/// for each; `report` is told of each run as it ends.
pub fn run_sweep(
    sweep: &PaddingSweep,
    encoded: &Encoded,
    progress: bool,
    report: &mut dyn FnMut(&PaddingRun),
) -> anyhow::Result<Vec<PaddingRun>> {
    let mut runs = Vec::new();
    for &maxlen in &sweep.maxlens {
        for &variant in &sweep.variants {
            let config = sweep.config(variant, maxlen);
            let data = encoded.pad(maxlen, variant.padding, variant.truncating);
            let shorter = encoded
                .train
                .ids
                .iter()
                .filter(|r| r.len() < maxlen)
                .count();
            let result = run(&config, &data, None, false, progress)?;
            let padding_run = PaddingRun {
                variant,
                maxlen,
                padded_share: shorter as f64 / encoded.train.ids.len() as f64,
                result,
            };
            report(&padding_run);
            runs.push(padding_run);
        }
    }
    Ok(runs)
}
// ANCHOR_END: sweep
