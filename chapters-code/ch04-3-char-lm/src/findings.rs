//! What section 4.3 measures besides the LSTM's own perplexity: the
//! count-based baseline (interpolated Kneser–Ney, [`crate::ngram`]) and the
//! interpretable units ([`crate::units`]).
//!
//! Units are chosen on one stretch of the held-out text and their
//! correlation is measured again on the next stretch, so the number the
//! book reports is not the maximum over H units of a noisy estimate.

use std::time::Instant;

use crate::corpus::Corpus;
use crate::model::CharLm;
use crate::ngram::KneserNey;
use crate::units::{FEATURE_NAMES, features, pearson, rank_units};

/// The n-gram baseline on the held-out text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NgramBaseline {
    pub order: usize,
    /// D_1 … D_N, estimated from the training text.
    pub discounts: Vec<f64>,
    pub held_out_perplexity: f64,
    /// Counting and scoring.
    pub seconds: f64,
}

/// Train the order-`order` Kneser–Ney model on the training text and score the held-out text.
pub fn ngram_baseline(corpus: &Corpus, order: usize) -> NgramBaseline {
    let start = Instant::now();
    let model = KneserNey::train(&corpus.train, corpus.vocab_size(), order);
    let held_out_perplexity = model.perplexity(&corpus.held_out);
    NgramBaseline {
        order,
        discounts: model.discounts().to_vec(),
        held_out_perplexity,
        seconds: start.elapsed().as_secs_f64(),
    }
}

/// The unit that tracks one feature best.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnitFinding {
    pub feature: String,
    pub unit: usize,
    /// Pearson's r on the stretch where the unit was chosen (the largest |r| of all units).
    pub r_chosen: f64,
    /// Pearson's r of the same unit on the next stretch: the number to report.
    pub r_measured: f64,
    /// The unit's h_t over the drawn passage, one value per character.
    pub passage_activation: Vec<f64>,
}

/// Every feature's best unit, and the passage they are drawn over.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnitFindings {
    /// Characters of each stretch (choosing, then measuring).
    pub stretch: usize,
    pub units: Vec<UnitFinding>,
    /// A passage of the measuring stretch (whole lines), drawn with each unit.
    pub passage: String,
}

// ANCHOR: find_units
/// Run `model` over the held-out text; for each feature choose the unit
/// with the largest |r| on the first `stretch` characters, and measure its
/// r on the next `stretch`. The passage is `lines` whole lines of the second stretch.
pub fn find_units(
    model: &CharLm<f32>,
    corpus: &Corpus,
    stretch: usize,
    lines: usize,
) -> UnitFindings {
    let text = &corpus.held_out[..(2 * stretch).min(corpus.held_out.len())];
    let stretch = text.len() / 2;
    let chars: Vec<char> = corpus.decode(text).chars().collect();
    let h = model.hidden_states(text, 256).mapv(f64::from);
    let f = features(&chars);
    let (first, second) = (0..stretch, stretch..2 * stretch);
    let passage = passage_range(&chars[second.clone()], lines);
    let passage = passage.start + stretch..passage.end + stretch;
    let units = FEATURE_NAMES
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let feature = f.get(k);
            let chosen = h.slice(ndarray::s![first.clone(), ..]);
            let (unit, r_chosen) = rank_units(chosen, &feature[first.clone()])[0];
            let column: Vec<f64> = h.column(unit).to_vec();
            UnitFinding {
                feature: (*name).to_owned(),
                unit,
                r_chosen,
                r_measured: pearson(&column[second.clone()], &feature[second.clone()]),
                passage_activation: column[passage.clone()].to_vec(),
            }
        })
        .collect();
    UnitFindings {
        stretch,
        units,
        passage: chars[passage].iter().collect(),
    }
}
// ANCHOR_END: find_units

/// The range of `lines` whole lines of `chars`, starting after its first
/// newline (so the passage starts at the beginning of a line).
fn passage_range(chars: &[char], lines: usize) -> std::ops::Range<usize> {
    let start = chars.iter().position(|&c| c == '\n').map_or(0, |p| p + 1);
    let mut end = start;
    let mut seen = 0;
    while end < chars.len() && seen < lines {
        if chars[end] == '\n' {
            seen += 1;
        }
        end += 1;
    }
    start..end
}
