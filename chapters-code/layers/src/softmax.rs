//! Softmax and cross-entropy over a vocabulary, computed together.

use crate::dense::Dense;
use ndarray::{Array1, Array2, Array3, ArrayView1, ArrayView2, ArrayView3, Axis};
use numeric::Scalar;

/// softmax(z / temperature) of one row of scores, computed stably
/// (the largest score is subtracted before exponentiating).
pub fn softmax<F: Scalar>(scores: ArrayView1<F>, temperature: F) -> Array1<F> {
    assert!(temperature > F::zero(), "the temperature must be positive");
    let max = scores.fold(F::neg_infinity(), |m, &v| m.max(v));
    let e = scores.mapv(|v| ((v - max) / temperature).exp());
    let sum = e.sum();
    e / sum
}

// ANCHOR: cross_entropy
/// Mean cross-entropy of the rows of `scores` (N, V) against the correct
/// classes `targets` (N), and its gradient with respect to the scores.
///
/// With p = softmax(z): L_n = −log p[target_n] = log Σ_v e^{z_v} − z_target,
/// and ∂L_n/∂z = p − onehot(target_n); the mean divides both by N.
pub fn cross_entropy<F: Scalar>(
    scores: ArrayView2<F>,
    targets: &[usize],
) -> (F, Array2<F>) {
    let (n, vocab) = scores.dim();
    assert_eq!(
        n,
        targets.len(),
        "scores have {n} rows but there are {} targets",
        targets.len()
    );
    let count = F::lit(n as f64);
    let mut loss = F::zero();
    let mut grad = Array2::zeros((n, vocab));
    for (k, (row, &target)) in scores.axis_iter(Axis(0)).zip(targets).enumerate() {
        assert!(
            target < vocab,
            "target {target} outside the vocabulary of {vocab}"
        );
        // log Σ e^{z_v} − z_target, with the largest score taken out first
        // so that nothing overflows and nothing is the log of an underflow.
        let max = row.fold(F::neg_infinity(), |m, &v| m.max(v));
        let log_sum = max + row.mapv(|v| (v - max).exp()).sum().ln();
        loss += log_sum - row[target];
        let p = row.mapv(|v| (v - log_sum).exp());
        let mut g = grad.row_mut(k);
        g.assign(&p);
        g[target] -= F::one();
    }
    grad.mapv_inplace(|g| g / count);
    (loss / count, grad)
}
// ANCHOR_END: cross_entropy

/// The loss of a dense layer that scores every step, and its gradients.
pub struct PerStepGrads<F> {
    pub loss: F,
    /// dL/dW (V, H) and dL/db (V) of the dense layer.
    pub w: Array2<F>,
    pub b: Array1<F>,
    /// dL/dh for every state read, (T, B, H).
    pub h: Array3<F>,
}

/// Score every state of `states` (T, B, H) with `dense` and take the mean
/// cross-entropy against `targets` (T, B). Both are flattened time-major:
/// step t of sequence b is row t·B + b.
pub fn per_step_cross_entropy<F: Scalar>(
    dense: &Dense<F>,
    states: ArrayView3<F>,
    targets: ArrayView2<usize>,
) -> PerStepGrads<F> {
    let (steps, batch, hidden) = states.dim();
    assert_eq!(
        targets.dim(),
        (steps, batch),
        "targets have shape {:?} but the states are (T, B, H) = {:?}",
        targets.dim(),
        states.dim()
    );
    let rows = states
        .to_shape((steps * batch, hidden))
        .expect("contiguous")
        .to_owned();
    let scores = dense.forward(rows.view());
    let flat: Vec<usize> = targets.iter().copied().collect();
    let (loss, d_scores) = cross_entropy(scores.view(), &flat);
    let g = dense.backward(rows.view(), d_scores.view());
    PerStepGrads {
        loss,
        w: g.w,
        b: g.b,
        h: g.h
            .into_shape_with_order((steps, batch, hidden))
            .expect("rows are steps × batch"),
    }
}

/// The index of the largest entry (the first, on ties).
pub fn argmax<F: Scalar>(row: ArrayView1<F>) -> usize {
    let mut best = 0;
    for (k, &v) in row.iter().enumerate() {
        if v > row[best] {
            best = k;
        }
    }
    best
}
