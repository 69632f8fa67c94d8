//! Backpropagation through time for the LSTM.

use ndarray::{Array2, Array3, ArrayView2, ArrayView3, ArrayViewD, Axis};
use numeric::Scalar;
use numeric::activation::{sigmoid_grad_from_output, tanh_grad_from_output};
use numeric::sequence::{check_input, check_step_gradient, initial_state};
use vanilla_rnn::backward::accumulate_affine;

use crate::{Lstm, LstmTrace};

/// Gradients of a loss: for the parameters, an [`Lstm`] whose every field
/// holds the gradient of the field of the same name; and for the inputs and
/// both initial states.
#[derive(Debug, Clone, PartialEq)]
pub struct LstmGrads<F> {
    pub params: Lstm<F>,
    /// dL/dx, (T, B, D).
    pub x: Array3<F>,
    /// dL/dh_0 and dL/dC_0, (B, H).
    pub h0: Array2<F>,
    pub c0: Array2<F>,
}

impl<F: Scalar> LstmGrads<F> {
    /// Every gradient by name: the parameters' names, then `x`, `h0`, `c0`.
    pub fn tensors(&self) -> Vec<(&'static str, ArrayViewD<'_, F>)> {
        let mut tensors = self.params.tensors();
        tensors.push(("x", self.x.view().into_dyn()));
        tensors.push(("h0", self.h0.view().into_dyn()));
        tensors.push(("c0", self.c0.view().into_dyn()));
        tensors
    }
}

impl<F: Scalar> Lstm<F> {
    // ANCHOR: backward
    /// Given dL/dh_t for every step (T, B, H) and dL/dC_T (B, H; zero if
    /// `None`), return the gradient of every parameter, of x, h_0 and C_0.
    pub fn backward(
        &self,
        x: ArrayView3<F>,
        trace: &LstmTrace<F>,
        dh: ArrayView3<F>,
        dc_last: Option<ArrayView2<F>>,
    ) -> LstmGrads<F> {
        let (steps, batch) = check_input("Lstm", &x, self.input_size());
        let hidden = self.hidden_size();
        check_step_gradient("Lstm", "dh", &dh, (steps, batch, hidden));
        let mut g = self.zero_grads(steps, batch);
        let mut dh_next = Array2::<F>::zeros((batch, hidden));
        let mut dc_next = initial_state("Lstm", "dc_last", dc_last, batch, hidden);
        for t in (0..steps).rev() {
            let at = |a: &Array3<F>| a.index_axis(Axis(0), t).to_owned();
            let (i, f, o, c_tilde) =
                (at(&trace.i), at(&trace.f), at(&trace.o), at(&trace.c_tilde));
            let c_prev = trace.c.index_axis(Axis(0), t);
            let tanh_c = trace.c.index_axis(Axis(0), t + 1).mapv(F::tanh);
            // h_t = o ⊙ tanh(C_t): split the gradient reaching h_t.
            let dh_t = &dh.index_axis(Axis(0), t) + &dh_next;
            let d_o = &dh_t * &tanh_c;
            let dc = &dc_next + &(&dh_t * &o * &tanh_c.mapv(tanh_grad_from_output));
            // C_t = f ⊙ C_{t-1} + i ⊙ C̃.
            let d_i = &dc * &c_tilde;
            let d_f = &dc * &c_prev;
            let d_c_tilde = &dc * &i;
            dc_next = &dc * &f;
            // Through the squashing functions to the pre-activations.
            let da_i = d_i * &i.mapv(sigmoid_grad_from_output);
            let da_f = d_f * &f.mapv(sigmoid_grad_from_output);
            let da_o = d_o * &o.mapv(sigmoid_grad_from_output);
            let da_c = d_c_tilde * &c_tilde.mapv(tanh_grad_from_output);
            // Each pre-activation is W_x x_t + W_h h_{t-1} + b.
            let (x_t, h_prev) = (x.index_axis(Axis(0), t), trace.h.index_axis(Axis(0), t));
            accumulate_affine(
                &mut g.params.w_xi,
                &mut g.params.w_hi,
                &mut g.params.b_i,
                da_i.view(),
                x_t,
                h_prev,
            );
            accumulate_affine(
                &mut g.params.w_xf,
                &mut g.params.w_hf,
                &mut g.params.b_f,
                da_f.view(),
                x_t,
                h_prev,
            );
            accumulate_affine(
                &mut g.params.w_xo,
                &mut g.params.w_ho,
                &mut g.params.b_o,
                da_o.view(),
                x_t,
                h_prev,
            );
            accumulate_affine(
                &mut g.params.w_xc,
                &mut g.params.w_hc,
                &mut g.params.b_c,
                da_c.view(),
                x_t,
                h_prev,
            );
            let dx_t = da_i.dot(&self.w_xi)
                + da_f.dot(&self.w_xf)
                + da_o.dot(&self.w_xo)
                + da_c.dot(&self.w_xc);
            g.x.index_axis_mut(Axis(0), t).assign(&dx_t);
            dh_next = da_i.dot(&self.w_hi)
                + da_f.dot(&self.w_hf)
                + da_o.dot(&self.w_ho)
                + da_c.dot(&self.w_hc);
        }
        g.h0 = dh_next;
        g.c0 = dc_next;
        g
    }
    // ANCHOR_END: backward

    fn zero_grads(&self, steps: usize, batch: usize) -> LstmGrads<F> {
        let (input, hidden) = (self.input_size(), self.hidden_size());
        LstmGrads {
            params: Lstm::zeros(input, hidden),
            x: Array3::zeros((steps, batch, input)),
            h0: Array2::zeros((batch, hidden)),
            c0: Array2::zeros((batch, hidden)),
        }
    }
}
