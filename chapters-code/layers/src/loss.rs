//! Sigmoid and binary cross-entropy, computed together from the logit.

use ndarray::{Array1, ArrayView1};
use numeric::Scalar;
use numeric::activation::sigmoid;

// ANCHOR: bce
/// Mean binary cross-entropy of probabilities σ(z) against labels y ∈ {0, 1},
/// and its gradient with respect to the logits z.
///
/// −y log σ(z) − (1 − y) log(1 − σ(z)) equals max(z, 0) − z y + log(1 + e^(−|z|)),
/// which never takes the log of 0 or the exp of a large number; and its
/// derivative in z is simply σ(z) − y.
pub fn bce_with_logits<F: Scalar>(z: ArrayView1<F>, y: ArrayView1<F>) -> (F, Array1<F>) {
    assert_eq!(
        z.len(),
        y.len(),
        "{} logits but {} labels",
        z.len(),
        y.len()
    );
    let n = F::lit(z.len() as f64);
    let loss = z
        .iter()
        .zip(y.iter())
        .map(|(&z, &y)| z.max(F::zero()) - z * y + (F::one() + (-z.abs()).exp()).ln())
        .fold(F::zero(), |a, b| a + b)
        / n;
    let dz = ndarray::Zip::from(&z)
        .and(&y)
        .map_collect(|&z, &y| (sigmoid(z) - y) / n);
    (loss, dz)
}
// ANCHOR_END: bce
