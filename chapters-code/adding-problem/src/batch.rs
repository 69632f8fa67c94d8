//! The adding problem (Hochreiter and Schmidhuber, 1997), in the form used by
//! Le, Jaitly and Hinton (2015) and Arjovsky, Shah and Bengio (2016).
//!
//! Every step t of a sequence of length T carries two features: a value
//! drawn uniformly from [0, 1] and a marker that is 1 at exactly two steps —
//! one in the first half of the sequence, one in the second — and 0
//! elsewhere. The target is the sum of the two marked values. The first
//! marker sits on average T/4 steps from the start, so a model must carry a
//! number across about 3T/4 steps to the end.
//!
//! Always answering 1 (the mean of the target) gives a mean squared error of
//! Var(a + b) = 2 · 1/12 = 1/6 ≈ 0.167: the baseline a model must beat to
//! have learnt anything.

use ndarray::{Array1, Array3};
use numeric::Scalar;
use rand::Rng;

/// The mean squared error of always answering 1: Var(a + b) = 1/6.
pub const BASELINE_MSE: f64 = 1.0 / 6.0;

/// A batch of the adding problem.
#[derive(Debug, Clone, PartialEq)]
pub struct AddingBatch<F> {
    /// (T, B, 2): the value, then the marker, at every step.
    pub x: Array3<F>,
    /// (B): the sum of the two marked values.
    pub y: Array1<F>,
}

// ANCHOR: batch
/// `batch` sequences of length `steps` (at least 2), drawn from `rng`.
pub fn adding_batch<F: Scalar>(
    steps: usize,
    batch: usize,
    rng: &mut impl Rng,
) -> AddingBatch<F> {
    assert!(
        steps >= 2,
        "the adding problem needs at least 2 steps, got {steps}"
    );
    let mut x = Array3::zeros((steps, batch, 2));
    let mut y = Array1::zeros(batch);
    let half = steps / 2;
    for b in 0..batch {
        for t in 0..steps {
            x[[t, b, 0]] = F::lit(rng.random::<f64>());
        }
        let first = rng.random_range(0..half);
        let second = rng.random_range(half..steps);
        for t in [first, second] {
            x[[t, b, 1]] = F::one();
            y[b] += x[[t, b, 0]];
        }
    }
    AddingBatch { x, y }
}
// ANCHOR_END: batch

/// The mean squared error of always answering 1 on these targets.
pub fn baseline_mse<F: Scalar>(y: &Array1<F>) -> f64 {
    let n = y.len() as f64;
    y.iter()
        .map(|v| (v.to_f64_lossless() - 1.0).powi(2))
        .sum::<f64>()
        / n
}
