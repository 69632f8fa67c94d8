//! The task: reverse a string of digits.
//!
//! Strings are 3 to 8 digits long by default. A fixed fifth of all strings
//! (chosen by a hash of the string, so the choice does not depend on the
//! seed or the order of drawing) is held out: training never sees them, and
//! the exact-match accuracy is measured on them only.

use ndarray::{Array2, Array3};
use numeric::Scalar;
use rand::Rng;

// ANCHOR: tokens
/// Tokens 0–9 are the digits.
pub const DIGITS: usize = 10;
/// The decoder's answer "the string is finished".
pub const EOS: usize = 10;
/// The decoder's first input: "start writing".
pub const GO: usize = 11;
/// The size of the one-hot vectors that encoder and decoder read.
pub const VOCAB: usize = 12;

/// The lengths of the strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Task {
    pub min_len: usize,
    pub max_len: usize,
}

impl Default for Task {
    fn default() -> Self {
        Task {
            min_len: 3,
            max_len: 8,
        }
    }
}

/// Is this string one of the held-out fifth? (FNV-1a hash of the digits.)
pub fn is_held_out(digits: &[usize]) -> bool {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &d in digits {
        hash ^= d as u64 + 1;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash.is_multiple_of(5)
}

/// The answer the decoder must write: the digits reversed, then [`EOS`].
pub fn target_of(digits: &[usize]) -> Vec<usize> {
    digits
        .iter()
        .rev()
        .copied()
        .chain(std::iter::once(EOS))
        .collect()
}
// ANCHOR_END: tokens

impl Task {
    /// One random string of `len` digits from the training part (`held_out =
    /// false`) or the held-out part (`true`), by rejection.
    pub fn draw(&self, len: usize, held_out: bool, rng: &mut impl Rng) -> Vec<usize> {
        loop {
            let digits: Vec<usize> =
                (0..len).map(|_| rng.random_range(0..DIGITS)).collect();
            if is_held_out(&digits) == held_out {
                return digits;
            }
        }
    }

    /// `count` strings of random lengths from one part.
    pub fn draw_many(
        &self,
        count: usize,
        held_out: bool,
        rng: &mut impl Rng,
    ) -> Vec<Vec<usize>> {
        (0..count)
            .map(|_| {
                let len = rng.random_range(self.min_len..=self.max_len);
                self.draw(len, held_out, rng)
            })
            .collect()
    }
}

/// Strings of one length as a (T, B) matrix of tokens, time first.
pub fn as_matrix(strings: &[Vec<usize>]) -> Array2<usize> {
    let len = strings[0].len();
    assert!(
        strings.iter().all(|s| s.len() == len),
        "as_matrix: every string of a batch must have the same length"
    );
    Array2::from_shape_fn((len, strings.len()), |(t, b)| strings[b][t])
}

/// One-hot vectors (T, B, VOCAB) of a token matrix (T, B).
pub fn one_hot<F: Scalar>(tokens: &Array2<usize>) -> Array3<F> {
    layers::onehot::one_hot(tokens.view(), VOCAB)
}
