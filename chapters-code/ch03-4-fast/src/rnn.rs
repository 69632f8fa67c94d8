//! The vanilla tanh layer with the input projection hoisted out of the time
//! loop and the weight gradients computed after it. One gate only, so there
//! is nothing to pack: a_t = x_t W_x + h_{t-1} W_h + b, h_t = tanh(a_t).

use ndarray::linalg::general_mat_mul;
use ndarray::{Array1, Array2, Array3, ArrayView2, ArrayView3, Axis, s};
use vanilla_rnn::VanillaRnn;

use crate::fastmath::FastMath;
use crate::rows;
use crate::rows::check_trace;
use numeric::sequence::{check_input, check_state, check_step_gradient};

/// `w_x` (D, H), `w_h` (H, H), `b` (H): chapter 3's W_xh, W_hh, b_h, transposed.
#[derive(Debug, Clone, PartialEq)]
pub struct FastRnn<F> {
    pub w_x: Array2<F>,
    pub w_h: Array2<F>,
    pub b: Array1<F>,
}

numeric::params! { FastRnn { w_x, w_h, b } }

/// The forward pass's record: h_0 … h_T, ((T + 1)·B, H), rows t·B + b.
#[derive(Debug, Clone)]
pub struct FastRnnTrace<F> {
    pub h: Array2<F>,
    pub batch: usize,
}

/// Gradients of the parameters, the inputs and the initial state.
#[derive(Debug, Clone, PartialEq)]
pub struct FastRnnGrads<F> {
    /// The parameters' gradients, in the parameters' own (packed) layout.
    pub params: FastRnn<F>,
    /// (T, B, D).
    pub x: Array3<F>,
    pub h0: Array2<F>,
}

numeric::params! { FastRnnGrads { x, h0 } nested { params } }

impl<F: FastMath> FastRnn<F> {
    /// Pack (here: transpose) a readable layer.
    pub fn from_rnn(l: &VanillaRnn<F>) -> Self {
        FastRnn {
            w_x: l.w_xh.t().to_owned(),
            w_h: l.w_hh.t().to_owned(),
            b: l.b_h.clone(),
        }
    }

    /// Back to chapter 3's layout.
    pub fn to_rnn(&self) -> VanillaRnn<F> {
        VanillaRnn {
            w_xh: self.w_x.t().to_owned(),
            w_hh: self.w_h.t().to_owned(),
            b_h: self.b.clone(),
        }
    }

    pub fn hidden_size(&self) -> usize {
        self.w_h.nrows()
    }

    pub fn input_size(&self) -> usize {
        self.w_x.nrows()
    }

    // ANCHOR: forward
    /// Run over x (T, B, D) from h_0 (zeros if `None`).
    pub fn forward(&self, x: ArrayView3<F>, h0: Option<ArrayView2<F>>) -> FastRnnTrace<F> {
        let (steps, batch) = check_input("FastRnn", &x, self.input_size());
        let hidden = self.hidden_size();
        let x2 = rows::as_rows("FastRnn", x, self.input_size());
        // Hoisted: x_t W_x + b for every step, written straight into h_1 … h_T.
        let mut h = Array2::zeros(((steps + 1) * batch, hidden));
        let mut pre = h.slice_mut(s![batch.., ..]);
        general_mat_mul(F::one(), &x2, &self.w_x, F::zero(), &mut pre);
        pre += &self.b;
        if let Some(h0) = h0 {
            check_state("FastRnn", "h0", &h0, batch, hidden);
            h.slice_mut(s![..batch, ..]).assign(&h0);
        }
        for t in 0..steps {
            let (h_prev, mut h_next) = h.multi_slice_mut((
                s![t * batch..(t + 1) * batch, ..],
                s![(t + 1) * batch..(t + 2) * batch, ..],
            ));
            general_mat_mul(F::one(), &h_prev, &self.w_h, F::one(), &mut h_next);
            tanh_in_place(
                h_next
                    .as_slice_mut()
                    .expect("consecutive rows are contiguous"),
            );
        }
        FastRnnTrace { h, batch }
    }
    // ANCHOR_END: forward

    // ANCHOR: backward
    /// Given dL/dh_t (T, B, H): every gradient.
    pub fn backward(
        &self,
        x: ArrayView3<F>,
        trace: &FastRnnTrace<F>,
        dh: ArrayView3<F>,
    ) -> FastRnnGrads<F> {
        let (steps, batch) = check_input("FastRnn", &x, self.input_size());
        let hidden = self.hidden_size();
        check_trace("FastRnn", trace.h.nrows(), trace.batch, steps, batch);
        check_step_gradient("FastRnn", "dh", &dh, (steps, batch, hidden));
        let one = F::one();
        let mut d_pre = Array2::zeros((steps * batch, hidden));
        let mut dh_next = Array2::<F>::zeros((batch, hidden));
        for t in (0..steps).rev() {
            let rows = t * batch..(t + 1) * batch;
            let mut d_t = d_pre.slice_mut(s![rows.clone(), ..]);
            let h_t = trace.h.slice(s![(t + 1) * batch..(t + 2) * batch, ..]);
            // da_t = (dh_t + dh from step t + 1) ⊙ (1 − h_t²), fused.
            ndarray::Zip::from(&mut d_t)
                .and(&dh.index_axis(Axis(0), t))
                .and(&dh_next)
                .and(&h_t)
                .for_each(|d, &g, &g_next, &h| *d = (g + g_next) * (one - h * h));
            general_mat_mul(one, &d_t, &self.w_h.t(), F::zero(), &mut dh_next);
        }
        let h_prev = trace.h.slice(s![..steps * batch, ..]);
        let g = rows::hoisted_grads(x, h_prev, &d_pre, &d_pre, &self.w_x);
        FastRnnGrads {
            params: FastRnn {
                w_x: g.w_x,
                w_h: g.w_h,
                b: g.b,
            },
            x: g.x,
            h0: dh_next,
        }
    }
    // ANCHOR_END: backward
}

/// h ← tanh(h), one element at a time (a loop the compiler vectorises).
#[inline(never)]
fn tanh_in_place<F: FastMath>(h: &mut [F]) {
    for v in h.iter_mut() {
        *v = v.tanh_fast();
    }
}
