//! Exercise (section 6): a loss over the real steps only.
//!
//! Chapter 6 pads sequences to one length. A model that answers at every
//! step must not be scored on the padding: with logits z, labels y ∈ {0, 1}
//! and a mask m (1 for a real step, 0 for padding), all (T, B),
//!
//! ```text
//! ℓ(z, y) = max(z, 0) − z y + log(1 + e^(−|z|))       (binary cross-entropy of σ(z))
//! L       = Σ m ⊙ ℓ(z, y) / Σ m
//! ∂L/∂z   = m ⊙ (σ(z) − y) / Σ m
//! ```
//!
//! the mean over the real steps, so that padding changes neither the loss
//! nor, through it, the gradient.

use ndarray::{Array2, ArrayView2};

/// The mean binary cross-entropy of `z` against `y` over the steps where
/// `mask` is 1, and its gradient with respect to `z` (zero on padding).
/// `z`, `y` and `mask` are (T, B); `mask` holds only 0 and 1.
///
/// With no real step at all (`mask` all zero) the loss is 0 and the
/// gradient all zeros.
pub fn masked_bce(
    z: ArrayView2<f64>,
    y: ArrayView2<f64>,
    mask: ArrayView2<f64>,
) -> (f64, Array2<f64>) {
    todo!("write the masked loss (hint: exercises/hints/masked_loss.md)")
}
