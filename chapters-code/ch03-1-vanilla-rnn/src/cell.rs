//! The parameters of the vanilla recurrent layer and one time step.

use ndarray::{Array1, Array2, ArrayView2};
use rand::Rng;

use numeric::{Init, Scalar};

// ANCHOR: struct
/// A vanilla recurrent layer, named as in the equations (its output
/// y_t = W_hy h_t + b_y is a separate [`Dense`](layers::Dense) layer):
///
/// * `w_xh`: (H, D) input-to-hidden weights
/// * `w_hh`: (H, H) hidden-to-hidden weights
/// * `b_h`:  (H)    hidden bias
#[derive(Debug, Clone, PartialEq)]
pub struct VanillaRnn<F> {
    pub w_xh: Array2<F>,
    pub w_hh: Array2<F>,
    pub b_h: Array1<F>,
}
// ANCHOR_END: struct

numeric::params! { VanillaRnn { w_xh, w_hh, b_h } }

impl<F: Scalar> VanillaRnn<F> {
    /// A layer with `input` features and `hidden` units, initialised by `init` from `rng`.
    pub fn new(input: usize, hidden: usize, init: Init, rng: &mut impl Rng) -> Self {
        let w_xh = init.input_weight(hidden, input, 1, rng);
        let w_hh = init.recurrent_weight(hidden, rng);
        let b_h = init.bias(hidden, rng);
        VanillaRnn { w_xh, w_hh, b_h }
    }

    /// D, the number of input features.
    pub fn input_size(&self) -> usize {
        self.w_xh.ncols()
    }

    /// H, the number of hidden units.
    pub fn hidden_size(&self) -> usize {
        self.w_hh.nrows()
    }

    // ANCHOR: step
    /// One time step for a batch: x_t is (B, D), h_prev is (B, H); returns h_t (B, H).
    ///
    /// With one example per row, `W x` becomes `x Wᵀ`.
    pub fn step(&self, x_t: ArrayView2<F>, h_prev: ArrayView2<F>) -> Array2<F> {
        affine(x_t, &self.w_xh, h_prev, &self.w_hh, &self.b_h).mapv(F::tanh)
    }
    // ANCHOR_END: step

    /// The number of parameters, counted tensor by tensor.
    pub fn parameter_count(&self) -> usize {
        numeric::params::count(self)
    }

    /// The same layer in another scalar type (f64 → f32 rounds).
    pub fn cast<G: Scalar>(&self) -> VanillaRnn<G> {
        let c2 = |a: &Array2<F>| a.mapv(|v| G::lit(v.to_f64_lossless()));
        let c1 = |a: &Array1<F>| a.mapv(|v| G::lit(v.to_f64_lossless()));
        VanillaRnn {
            w_xh: c2(&self.w_xh),
            w_hh: c2(&self.w_hh),
            b_h: c1(&self.b_h),
        }
    }
}

// ANCHOR: affine
/// The affine map inside every recurrent equation, for a batch:
/// W_x x_t + W_h h_{t-1} + b, written x_t W_xᵀ + h_{t-1} W_hᵀ + b with one example per row.
/// x_t is (B, D), h_prev (B, H), w_x (H', D), w_h (H', H), b (H'); returns (B, H').
pub fn affine<F: Scalar>(
    x_t: ArrayView2<F>,
    w_x: &Array2<F>,
    h_prev: ArrayView2<F>,
    w_h: &Array2<F>,
    b: &Array1<F>,
) -> Array2<F> {
    x_t.dot(&w_x.t()) + h_prev.dot(&w_h.t()) + b
}
// ANCHOR_END: affine

// ANCHOR: count
/// Parameters of a vanilla layer with input D, hidden H, output O:
/// H·D + H·H + H for the recurrence, O·H + O for the output.
pub fn parameter_count_formula(input: usize, hidden: usize, output: usize) -> usize {
    hidden * input + hidden * hidden + hidden + output * hidden + output
}
// ANCHOR_END: count
