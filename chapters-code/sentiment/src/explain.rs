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

/// How much of a text the vocabulary knows: its words (tokens) and how
/// many of them are outside the vocabulary (read as the unknown-word id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    pub words: usize,
    pub unknown: usize,
}

impl Coverage {
    /// The coverage of `text` by `vocab`.
    pub fn of(vocab: &Vocabulary, text: &str) -> Self {
        let ids = vocab.encode(text);
        Coverage {
            words: ids.len() - 1,
            unknown: ids
                .iter()
                .filter(|&&id| id == imdb_data::vocab::OOV)
                .count(),
        }
    }

    /// The share of the words outside the vocabulary (0 for no word).
    pub fn unknown_share(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.unknown as f64 / self.words as f64
        }
    }

    /// One line for a person: the words, the share unknown, and a warning
    /// when the model sees nothing of the text.
    pub fn describe(&self, vocab_size: usize) -> String {
        match (self.words, self.unknown) {
            (0, _) => "words: 0; the text holds no word (the tokenizer keeps only the letters a-z, digits and apostrophes): the model sees only the start marker, so its answer says nothing about the text".to_owned(),
            (words, unknown) if unknown == words => format!(
                "words: {words}, all out of the vocabulary ({vocab_size} ids): no word of the text is in the vocabulary, the model sees only unknown-word markers, so its answer says nothing about the text"
            ),
            (words, unknown) => format!(
                "words: {words}, {unknown} out of the vocabulary ({:.1}%)",
                100.0 * self.unknown_share()
            ),
        }
    }
}
