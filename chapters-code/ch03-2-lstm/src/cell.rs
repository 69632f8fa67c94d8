//! The LSTM's parameters and one time step.

use ndarray::{Array1, Array2, ArrayView2};
use numeric::activation::sigmoid;
use numeric::{Init, Scalar};
use rand::Rng;
use vanilla_rnn::cell::affine;

// ANCHOR: struct
/// An LSTM layer, one weight pair and bias per gate, named as in the equations.
/// With input size D and hidden size H, every `w_x*` is (H, D), every `w_h*`
/// is (H, H) and every `b_*` has length H. `c` is the candidate C̃.
#[derive(Debug, Clone, PartialEq)]
pub struct Lstm<F> {
    pub w_xi: Array2<F>,
    pub w_hi: Array2<F>,
    pub b_i: Array1<F>,
    pub w_xf: Array2<F>,
    pub w_hf: Array2<F>,
    pub b_f: Array1<F>,
    pub w_xo: Array2<F>,
    pub w_ho: Array2<F>,
    pub b_o: Array1<F>,
    pub w_xc: Array2<F>,
    pub w_hc: Array2<F>,
    pub b_c: Array1<F>,
}
// ANCHOR_END: struct

// ANCHOR: params
numeric::params! { Lstm { w_xi, w_hi, b_i, w_xf, w_hf, b_f, w_xo, w_ho, b_o, w_xc, w_hc, b_c } }
// ANCHOR_END: params

/// Everything one step computes, each (B, H).
#[derive(Debug, Clone, PartialEq)]
pub struct LstmStep<F> {
    pub i: Array2<F>,
    pub f: Array2<F>,
    pub o: Array2<F>,
    pub c_tilde: Array2<F>,
    pub c: Array2<F>,
    pub h: Array2<F>,
}

impl<F: Scalar> Lstm<F> {
    /// A layer with `input` features and `hidden` units, initialised by `init`.
    pub fn new(input: usize, hidden: usize, init: Init, rng: &mut impl Rng) -> Self {
        let mut gate = || {
            (
                init.input_weight(hidden, input, 4, rng),
                init.recurrent_weight(hidden, rng),
                init.bias(hidden, rng),
            )
        };
        let (w_xi, w_hi, b_i) = gate();
        let (w_xf, w_hf, b_f) = gate();
        let (w_xo, w_ho, b_o) = gate();
        let (w_xc, w_hc, b_c) = gate();
        Lstm {
            w_xi,
            w_hi,
            b_i,
            w_xf,
            w_hf,
            b_f,
            w_xo,
            w_ho,
            b_o,
            w_xc,
            w_hc,
            b_c,
        }
    }

    // ANCHOR: forget_bias
    /// Set every forget-gate bias to `value` (1.0 is the choice of Gers et al.,
    /// 2000, Jozefowicz et al., 2015, and Keras's `unit_forget_bias=True`): the
    /// cell then starts out remembering, f_t ≈ σ(1) ≈ 0.73.
    pub fn with_forget_bias(mut self, value: F) -> Self {
        self.b_f.fill(value);
        self
    }
    // ANCHOR_END: forget_bias

    /// D, the number of input features.
    pub fn input_size(&self) -> usize {
        self.w_xi.ncols()
    }

    /// H, the number of hidden units.
    pub fn hidden_size(&self) -> usize {
        self.w_hi.nrows()
    }

    // ANCHOR: step
    /// One time step for a batch: x_t (B, D), h_prev and c_prev (B, H).
    pub fn step(
        &self,
        x_t: ArrayView2<F>,
        h_prev: ArrayView2<F>,
        c_prev: ArrayView2<F>,
    ) -> LstmStep<F> {
        let i = affine(x_t, &self.w_xi, h_prev, &self.w_hi, &self.b_i).mapv(sigmoid);
        let f = affine(x_t, &self.w_xf, h_prev, &self.w_hf, &self.b_f).mapv(sigmoid);
        let o = affine(x_t, &self.w_xo, h_prev, &self.w_ho, &self.b_o).mapv(sigmoid);
        let c_tilde = affine(x_t, &self.w_xc, h_prev, &self.w_hc, &self.b_c).mapv(F::tanh);
        // ANCHOR: state_update
        let c = &f * &c_prev + &i * &c_tilde;
        let h = &o * &c.mapv(F::tanh);
        // ANCHOR_END: state_update
        LstmStep {
            i,
            f,
            o,
            c_tilde,
            c,
            h,
        }
    }
    // ANCHOR_END: step

    /// The number of parameters, counted tensor by tensor.
    pub fn parameter_count(&self) -> usize {
        numeric::params::count(self)
    }
}

// ANCHOR: count
/// Parameters of an LSTM with input D and hidden H: four gates, each with
/// an (H, D) and an (H, H) matrix and a bias of H.
pub fn parameter_count_formula(input: usize, hidden: usize) -> usize {
    4 * (hidden * input + hidden * hidden + hidden)
}
// ANCHOR_END: count
