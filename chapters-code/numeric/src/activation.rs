//! The two squashing functions of recurrent cells, and their derivatives
//! written in terms of their outputs (which is what the backward pass keeps).

use ndarray::{Array, ArrayView, Dimension};

use crate::Scalar;

// ANCHOR: sigmoid
/// The logistic sigmoid σ(a) = 1 / (1 + e^(-a)), computed without overflow
/// for large |a|.
pub fn sigmoid<F: Scalar>(a: F) -> F {
    if a >= F::zero() {
        F::one() / (F::one() + (-a).exp())
    } else {
        let e = a.exp();
        e / (F::one() + e)
    }
}

/// σ'(a) expressed through s = σ(a): s (1 - s).
pub fn sigmoid_grad_from_output<F: Scalar>(s: F) -> F {
    s * (F::one() - s)
}

/// tanh'(a) expressed through t = tanh(a): 1 - t².
pub fn tanh_grad_from_output<F: Scalar>(t: F) -> F {
    F::one() - t * t
}
// ANCHOR_END: sigmoid

/// σ applied to every element.
pub fn sigmoid_all<F: Scalar, D: Dimension>(a: ArrayView<F, D>) -> Array<F, D> {
    a.mapv(sigmoid)
}

/// tanh applied to every element.
pub fn tanh_all<F: Scalar, D: Dimension>(a: ArrayView<F, D>) -> Array<F, D> {
    a.mapv(F::tanh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_finite_and_symmetric_at_the_extremes() {
        for a in [-800.0f64, -30.0, -1.0, 0.0, 1.0, 30.0, 800.0] {
            let s = sigmoid(a);
            assert!(s.is_finite() && (0.0..=1.0).contains(&s), "σ({a}) = {s}");
            approx::assert_abs_diff_eq!(s + sigmoid(-a), 1.0, epsilon = 1e-15);
        }
        approx::assert_abs_diff_eq!(sigmoid(0.0f32), 0.5);
    }

    #[test]
    fn derivatives_match_central_differences() {
        let eps = 1e-6;
        for a in [-3.0f64, -0.5, 0.0, 0.7, 2.5] {
            let numeric = (sigmoid(a + eps) - sigmoid(a - eps)) / (2.0 * eps);
            approx::assert_abs_diff_eq!(
                sigmoid_grad_from_output(sigmoid(a)),
                numeric,
                epsilon = 1e-9
            );
            let numeric = ((a + eps).tanh() - (a - eps).tanh()) / (2.0 * eps);
            approx::assert_abs_diff_eq!(
                tanh_grad_from_output(a.tanh()),
                numeric,
                epsilon = 1e-9
            );
        }
    }
}
