//! Backpropagation through time for the LSTM.

use ndarray::{Array2, Array3, ArrayView2, ArrayView3, Axis};
use numeric::Scalar;
use numeric::activation::{sigmoid_grad_from_output, tanh_grad_from_output};
use numeric::sequence::{check_input, check_step_gradient, initial_state};
use vanilla_rnn::backward::accumulate_affine;

use crate::{Lstm, LstmStep, LstmTrace};

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

// The parameters' gradients under the parameters' names, then the inputs' and initial states'.
numeric::params! { LstmGrads { x, h0, c0 } nested { params } }

impl<F: Scalar> Lstm<F> {
    // What the step took, what it returned, the two gradients and the sums:
    // seven inputs, as the equations have them.
    #[allow(clippy::too_many_arguments)]
    // ANCHOR: step_backward
    /// The derivative of one step.
    ///
    /// Takes what [`step`](Self::step) took, x_t (B, D), h_prev = h_{t-1}
    /// and c_prev = C_{t-1} (B, H); what it returned, `step`; dh_t (B, H),
    /// the total gradient ∂L/∂h_t (from outside the layer and from step
    /// t + 1); and dc_t (B, H), the gradient reaching C_t from after the step
    /// (through C_{t+1}, or from the loss at t = T): the path through h_t is
    /// added here. Adds this step's share to the parameter gradients in
    /// `grads` (an `Lstm` whose every field holds the gradient of the field
    /// of the same name) and returns ∂L/∂x_t (B, D) and the gradients that
    /// reach h_{t-1} and C_{t-1} through this step (B, H each).
    pub fn step_backward(
        &self,
        x_t: ArrayView2<F>,
        h_prev: ArrayView2<F>,
        c_prev: ArrayView2<F>,
        step: &LstmStep<F>,
        dh_t: ArrayView2<F>,
        dc_t: ArrayView2<F>,
        grads: &mut Lstm<F>,
    ) -> (Array2<F>, Array2<F>, Array2<F>) {
        let LstmStep {
            i,
            f,
            o,
            c_tilde,
            c,
            ..
        } = step;
        let tanh_c = c.mapv(F::tanh);
        // h_t = o ⊙ tanh(C_t): ō = h̄ ⊙ tanh(C_t), C̄ = dc_t + h̄ ⊙ o ⊙ (1 − tanh²(C_t)).
        let d_o = &dh_t * &tanh_c;
        let dc = &dc_t + &(&dh_t * o * &tanh_c.mapv(tanh_grad_from_output));
        // C_t = f ⊙ C_{t-1} + i ⊙ C̃: ī = C̄ ⊙ C̃, f̄ = C̄ ⊙ C_{t-1}, C̃̄ = C̄ ⊙ i,
        // and C_{t-1} receives C̄ ⊙ f.
        let d_i = &dc * c_tilde;
        let d_f = &dc * &c_prev;
        let d_c_tilde = &dc * i;
        let dc_prev = &dc * f;
        // Through the squashing functions to the pre-activations:
        // σ' = σ(1 − σ), tanh' = 1 − tanh².
        let da_i = d_i * &i.mapv(sigmoid_grad_from_output);
        let da_f = d_f * &f.mapv(sigmoid_grad_from_output);
        let da_o = d_o * &o.mapv(sigmoid_grad_from_output);
        let da_c = d_c_tilde * &c_tilde.mapv(tanh_grad_from_output);
        // Each pre-activation is W_xg x_t + W_hg h_{t-1} + b_g:
        // dW_xg += ā_gᵀ x_t, dW_hg += ā_gᵀ h_{t-1}, db_g += Σ_batch ā_g.
        accumulate_affine(
            &mut grads.w_xi,
            &mut grads.w_hi,
            &mut grads.b_i,
            da_i.view(),
            x_t,
            h_prev,
        );
        accumulate_affine(
            &mut grads.w_xf,
            &mut grads.w_hf,
            &mut grads.b_f,
            da_f.view(),
            x_t,
            h_prev,
        );
        accumulate_affine(
            &mut grads.w_xo,
            &mut grads.w_ho,
            &mut grads.b_o,
            da_o.view(),
            x_t,
            h_prev,
        );
        accumulate_affine(
            &mut grads.w_xc,
            &mut grads.w_hc,
            &mut grads.b_c,
            da_c.view(),
            x_t,
            h_prev,
        );
        // ∂L/∂x_t = Σ_g W_xgᵀ ā_g and ∂L/∂h_{t-1} = Σ_g W_hgᵀ ā_g, one example per row.
        let dx_t = da_i.dot(&self.w_xi)
            + da_f.dot(&self.w_xf)
            + da_o.dot(&self.w_xo)
            + da_c.dot(&self.w_xc);
        let dh_prev = da_i.dot(&self.w_hi)
            + da_f.dot(&self.w_hf)
            + da_o.dot(&self.w_ho)
            + da_c.dot(&self.w_hc);
        (dx_t, dh_prev, dc_prev)
    }
    // ANCHOR_END: step_backward

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
        // dL/dh_t and dL/dC_t arriving from step t + 1 (for C_T: from the loss).
        let mut dh_next = Array2::<F>::zeros((batch, hidden));
        let mut dc_next = initial_state("Lstm", "dc_last", dc_last, batch, hidden);
        for t in (0..steps).rev() {
            // Everything that reaches h_t: from outside, and from the next step.
            let dh_t = &dh.index_axis(Axis(0), t) + &dh_next;
            let (dx_t, dh_prev, dc_prev) = self.step_backward(
                x.index_axis(Axis(0), t),
                trace.h.index_axis(Axis(0), t),
                trace.c.index_axis(Axis(0), t),
                &trace.step(t),
                dh_t.view(),
                dc_next.view(),
                &mut g.params,
            );
            g.x.index_axis_mut(Axis(0), t).assign(&dx_t);
            (dh_next, dc_next) = (dh_prev, dc_prev);
        }
        g.h0 = dh_next;
        g.c0 = dc_next;
        g
    }
    // ANCHOR_END: backward

    fn zero_grads(&self, steps: usize, batch: usize) -> LstmGrads<F> {
        let (input, hidden) = (self.input_size(), self.hidden_size());
        LstmGrads {
            params: numeric::params::zeros_like(self),
            x: Array3::zeros((steps, batch, input)),
            h0: Array2::zeros((batch, hidden)),
            c0: Array2::zeros((batch, hidden)),
        }
    }
}
