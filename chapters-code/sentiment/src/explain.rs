//! Which tokens moved a prediction: leave each one out and see how much the
//! probability changes (occlusion).

use crate::model::Classifier;
use imdb_data::pad::{Padded, Side, pad_sequences};
use imdb_data::vocab::Vocabulary;

/// A token of the input and the change in probability when it is left out.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenEffect {
    pub token: String,
    /// p(with the token) − p(without it): positive pushed towards "positive".
    pub effect: f32,
}

fn probability(
    model: &Classifier<f32>,
    ids: Vec<u32>,
    maxlen: usize,
    padding: Side,
    truncating: Side,
) -> f32 {
    let padded: Padded = pad_sequences(&[ids], maxlen, padding, truncating);
    model.predict(padded.ids.view(), &[padded.last_real(0)])[0]
}

// ANCHOR: explain
/// The probability that `text` is positive, and the effect of each token the model saw.
pub fn explain(
    model: &Classifier<f32>,
    vocab: &Vocabulary,
    text: &str,
    maxlen: usize,
    padding: Side,
    truncating: Side,
) -> (f32, Vec<TokenEffect>) {
    let ids = vocab.encode(text);
    let full = probability(model, ids.clone(), maxlen, padding, truncating);
    // Only the ids that survive truncation can matter.
    let kept = match truncating {
        Side::Pre => ids.len().saturating_sub(maxlen)..ids.len(),
        Side::Post => 0..ids.len().min(maxlen),
    };
    let effects = kept
        .filter(|&i| i > 0) // position 0 is the start marker
        .map(|i| {
            let mut without = ids.clone();
            without.remove(i);
            let p = probability(model, without, maxlen, padding, truncating);
            TokenEffect {
                token: vocab.word(ids[i]).to_owned(),
                effect: full - p,
            }
        })
        .collect();
    (full, effects)
}
// ANCHOR_END: explain
