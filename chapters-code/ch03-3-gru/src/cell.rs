//! The GRU's parameters and one time step, in both forms.

use ndarray::{Array1, Array2, ArrayView2};
use numeric::activation::sigmoid;
use numeric::{Init, Scalar};
use rand::Rng;
use vanilla_rnn::cell::affine;

// ANCHOR: form
/// Where the reset gate acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GruForm {
    /// The article's form (Cho et al., 2014): h̃ = tanh(W_xn x + W_hn (r ⊙ h) + b_n).
    ResetBefore,
    /// PyTorch's, cuDNN's and Keras's (`reset_after=True`):
    /// h̃ = tanh(W_xn x + b_n + r ⊙ (W_hn h + b_hn)).
    ResetAfter,
}
// ANCHOR_END: form

// ANCHOR: struct
/// A GRU layer, named as in the article's equations (`n` is its h̃). With
/// input D and hidden H, every `w_x*` is (H, D), every `w_h*` is (H, H),
/// every bias has length H. `b_hn`, the bias inside the reset product,
/// exists only in the reset-after form: `None` means the article's form.
#[derive(Debug, Clone, PartialEq)]
pub struct Gru<F> {
    pub w_xz: Array2<F>,
    pub w_hz: Array2<F>,
    pub b_z: Array1<F>,
    pub w_xr: Array2<F>,
    pub w_hr: Array2<F>,
    pub b_r: Array1<F>,
    pub w_xn: Array2<F>,
    pub w_hn: Array2<F>,
    pub b_n: Array1<F>,
    pub b_hn: Option<Array1<F>>,
}
// ANCHOR_END: struct

// `b_hn` is visited only in the reset-after form.
numeric::params! { Gru { w_xz, w_hz, b_z, w_xr, w_hr, b_r, w_xn, w_hn, b_n } optional { b_hn } }

/// Everything one step computes, each (B, H). `hn` is W_hn h_{t-1} + b_hn,
/// kept only in the reset-after form, where the backward pass needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct GruStep<F> {
    pub z: Array2<F>,
    pub r: Array2<F>,
    pub n: Array2<F>,
    pub hn: Option<Array2<F>>,
    pub h: Array2<F>,
}

impl<F: Scalar> Gru<F> {
    /// A layer with `input` features and `hidden` units in `form`, initialised by `init`.
    pub fn new(
        input: usize,
        hidden: usize,
        form: GruForm,
        init: Init,
        rng: &mut impl Rng,
    ) -> Self {
        let mut gate = || {
            (
                init.input_weight(hidden, input, 3, rng),
                init.recurrent_weight(hidden, rng),
                init.bias(hidden, rng),
            )
        };
        let (w_xz, w_hz, b_z) = gate();
        let (w_xr, w_hr, b_r) = gate();
        let (w_xn, w_hn, b_n) = gate();
        let b_hn = (form == GruForm::ResetAfter).then(|| init.bias(hidden, rng));
        Gru {
            w_xz,
            w_hz,
            b_z,
            w_xr,
            w_hr,
            b_r,
            w_xn,
            w_hn,
            b_n,
            b_hn,
        }
    }

    /// Which of the two forms this layer computes.
    pub fn form(&self) -> GruForm {
        match self.b_hn {
            None => GruForm::ResetBefore,
            Some(_) => GruForm::ResetAfter,
        }
    }

    /// D, the number of input features.
    pub fn input_size(&self) -> usize {
        self.w_xz.ncols()
    }

    /// H, the number of hidden units.
    pub fn hidden_size(&self) -> usize {
        self.w_hz.nrows()
    }

    // ANCHOR: step
    /// One time step for a batch: x_t (B, D), h_prev (B, H).
    pub fn step(&self, x_t: ArrayView2<F>, h_prev: ArrayView2<F>) -> GruStep<F> {
        let z = affine(x_t, &self.w_xz, h_prev, &self.w_hz, &self.b_z).mapv(sigmoid);
        let r = affine(x_t, &self.w_xr, h_prev, &self.w_hr, &self.b_r).mapv(sigmoid);
        let (n, hn) = match &self.b_hn {
            // The article's form: reset h_{t-1}, then multiply.
            None => {
                let reset_h = &r * &h_prev;
                (
                    affine(x_t, &self.w_xn, reset_h.view(), &self.w_hn, &self.b_n)
                        .mapv(F::tanh),
                    None,
                )
            }
            // Reset after: multiply, then reset the product (and its bias).
            Some(b_hn) => {
                let hn = h_prev.dot(&self.w_hn.t()) + b_hn;
                let a = x_t.dot(&self.w_xn.t()) + &self.b_n + &r * &hn;
                (a.mapv(F::tanh), Some(hn))
            }
        };
        // h_t = (1 − z) ⊙ h_{t-1} + z ⊙ h̃: z is how much of the candidate to take.
        let h = &h_prev + &(&z * &(&n - &h_prev));
        GruStep { z, r, n, hn, h }
    }
    // ANCHOR_END: step

    /// The number of parameters, counted tensor by tensor.
    pub fn parameter_count(&self) -> usize {
        numeric::params::count(self)
    }
}

// ANCHOR: count
/// Parameters of a GRU with input D and hidden H: three gates, each with an
/// (H, D) and an (H, H) matrix and a bias of H, plus b_hn (H) in the reset-after form.
pub fn parameter_count_formula(input: usize, hidden: usize, form: GruForm) -> usize {
    let extra = if form == GruForm::ResetAfter {
        hidden
    } else {
        0
    };
    3 * (hidden * input + hidden * hidden + hidden) + extra
}
// ANCHOR_END: count
