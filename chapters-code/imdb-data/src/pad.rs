//! `pad_sequences` with Keras's semantics.

use ndarray::Array2;

use crate::vocab::PAD;

/// Which end of a sequence to pad or cut.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
pub enum Side {
    Pre,
    Post,
}

/// Sequences made the same length, with the number of real ids in each.
#[derive(Debug, Clone, PartialEq)]
pub struct Padded {
    /// (N, maxlen) ids.
    pub ids: Array2<u32>,
    /// Real (non-padding) ids per row, after truncation.
    pub lengths: Vec<usize>,
    /// Where the padding went.
    pub padding: Side,
}

impl Padded {
    /// The position of the last real id of row `n` (the state a masked classifier reads).
    pub fn last_real(&self, n: usize) -> usize {
        let maxlen = self.ids.ncols();
        match self.padding {
            Side::Post => self.lengths[n].max(1) - 1,
            Side::Pre => maxlen - 1,
        }
    }
}

// ANCHOR: pad
/// Cut every sequence to at most `maxlen` ids — `truncating = Pre` drops the
/// beginning (keeps the last `maxlen`), `Post` the end — then fill it with
/// [`PAD`] up to `maxlen`, before (`padding = Pre`) or after (`Post`) the ids.
pub fn pad_sequences(
    sequences: &[Vec<u32>],
    maxlen: usize,
    padding: Side,
    truncating: Side,
) -> Padded {
    assert!(maxlen > 0, "maxlen must be positive");
    let mut ids = Array2::from_elem((sequences.len(), maxlen), PAD);
    let mut lengths = Vec::with_capacity(sequences.len());
    for (n, sequence) in sequences.iter().enumerate() {
        let kept = match truncating {
            Side::Pre => &sequence[sequence.len().saturating_sub(maxlen)..],
            Side::Post => &sequence[..sequence.len().min(maxlen)],
        };
        let start = match padding {
            Side::Pre => maxlen - kept.len(),
            Side::Post => 0,
        };
        for (i, id) in kept.iter().enumerate() {
            ids[[n, start + i]] = *id;
        }
        lengths.push(kept.len());
    }
    Padded {
        ids,
        lengths,
        padding,
    }
}
// ANCHOR_END: pad
