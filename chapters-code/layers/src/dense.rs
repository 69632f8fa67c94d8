//! The dense layer z = W h + b, for a batch in rows: z = h Wᵀ + b.

use ndarray::{Array1, Array2, ArrayView2, Axis};
use numeric::{Init, Scalar};
use rand::Rng;

/// A dense layer with `inputs` inputs and `outputs` outputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Dense<F> {
    /// (outputs, inputs).
    pub w: Array2<F>,
    /// (outputs).
    pub b: Array1<F>,
}

numeric::params! { Dense { w, b } }

/// Gradients of a dense layer's parameters and input.
#[derive(Debug, Clone, PartialEq)]
pub struct DenseGrads<F> {
    pub w: Array2<F>,
    pub b: Array1<F>,
    /// dL/dh, (N, inputs).
    pub h: Array2<F>,
}

impl<F: Scalar> Dense<F> {
    /// A layer initialised by `init`.
    pub fn new(inputs: usize, outputs: usize, init: Init, rng: &mut impl Rng) -> Self {
        let (w, b) = init.dense(outputs, inputs, rng);
        Dense { w, b }
    }

    // ANCHOR: dense
    /// z = h Wᵀ + b for h of shape (N, inputs); returns (N, outputs).
    pub fn forward(&self, h: ArrayView2<F>) -> Array2<F> {
        h.dot(&self.w.t()) + &self.b
    }

    /// Given dL/dz (N, outputs): dW = dzᵀ h, db = Σ dz, dh = dz W.
    pub fn backward(&self, h: ArrayView2<F>, dz: ArrayView2<F>) -> DenseGrads<F> {
        DenseGrads {
            w: dz.t().dot(&h),
            b: dz.sum_axis(Axis(0)),
            h: dz.dot(&self.w),
        }
    }
    // ANCHOR_END: dense
}
