//! Backpropagation through time for the vanilla layer.

use ndarray::{
    Array1, Array2, Array3, ArrayView2, ArrayView3, Axis, linalg::general_mat_mul,
};

use numeric::Scalar;
use numeric::activation::tanh_grad_from_output;
use numeric::sequence::{check_input, check_step_gradient};

use crate::{RnnTrace, VanillaRnn};

// ANCHOR: grads
/// Gradients of a loss: for the parameters, a [`VanillaRnn`] whose every
/// field holds the gradient of the field of the same name; and for every
/// input x_t and the initial state.
#[derive(Debug, Clone, PartialEq)]
pub struct RnnGrads<F> {
    pub params: VanillaRnn<F>,
    /// dL/dx, (T, B, D).
    pub x: Array3<F>,
    /// dL/dh_0, (B, H).
    pub h0: Array2<F>,
}

// The parameters' gradients under the parameters' names, then the inputs' and initial states'.
numeric::params! { RnnGrads { x, h0 } nested { params } }
// ANCHOR_END: grads

impl<F: Scalar> VanillaRnn<F> {
    // ANCHOR: step_backward
    /// The derivative of one step, h_t = tanh(a_t) with
    /// a_t = W_xh x_t + W_hh h_{t-1} + b_h.
    ///
    /// Takes what [`step`](Self::step) took, x_t (B, D) and h_prev = h_{t-1}
    /// (B, H); what it returned, h_t (B, H); and dh_t (B, H), the total
    /// gradient ∂L/∂h_t (from outside the layer and from step t + 1). Adds
    /// this step's share to the parameter gradients in `grads` (a layer whose
    /// every field holds the gradient of the field of the same name) and
    /// returns ∂L/∂x_t (B, D) and the gradient that reaches h_{t-1} through
    /// this step (B, H).
    pub fn step_backward(
        &self,
        x_t: ArrayView2<F>,
        h_prev: ArrayView2<F>,
        h_t: ArrayView2<F>,
        dh_t: ArrayView2<F>,
        grads: &mut VanillaRnn<F>,
    ) -> (Array2<F>, Array2<F>) {
        // Through tanh: ā_t = h̄_t ⊙ (1 − h_t²).
        let da = &dh_t * &h_t.mapv(tanh_grad_from_output);
        // dW_xh += ā_tᵀ x_t, dW_hh += ā_tᵀ h_{t-1}, db_h += Σ_batch ā_t.
        accumulate_affine(
            &mut grads.w_xh,
            &mut grads.w_hh,
            &mut grads.b_h,
            da.view(),
            x_t,
            h_prev,
        );
        // ∂L/∂x_t = W_xhᵀ ā_t and ∂L/∂h_{t-1} = W_hhᵀ ā_t, one example per row.
        (da.dot(&self.w_xh), da.dot(&self.w_hh))
    }
    // ANCHOR_END: step_backward

    // ANCHOR: backward
    /// Given dL/dh_t (T, B, H) for every step — the gradient that reaches
    /// each state from outside the layer (the loss, or an output layer) —
    /// return the gradient of every parameter, of x and of h_0.
    pub fn backward(
        &self,
        x: ArrayView3<F>,
        trace: &RnnTrace<F>,
        dh: ArrayView3<F>,
    ) -> RnnGrads<F> {
        let (steps, batch) = check_input("VanillaRnn", &x, self.input_size());
        let hidden = self.hidden_size();
        check_step_gradient("VanillaRnn", "dh", &dh, (steps, batch, hidden));
        let mut g = self.zero_grads(steps, batch);
        // dL/dh_t arriving from step t + 1 (none after the last step).
        let mut dh_next = Array2::<F>::zeros((batch, hidden));
        for t in (0..steps).rev() {
            // Everything that reaches h_t: from outside, and from the next step.
            let dh_t = &dh.index_axis(Axis(0), t) + &dh_next;
            let (dx_t, dh_prev) = self.step_backward(
                x.index_axis(Axis(0), t),
                trace.h.index_axis(Axis(0), t),
                trace.h.index_axis(Axis(0), t + 1),
                dh_t.view(),
                &mut g.params,
            );
            g.x.index_axis_mut(Axis(0), t).assign(&dx_t);
            dh_next = dh_prev;
        }
        g.h0 = dh_next;
        g
    }
    // ANCHOR_END: backward

    fn zero_grads(&self, steps: usize, batch: usize) -> RnnGrads<F> {
        RnnGrads {
            params: numeric::params::zeros_like(self),
            x: Array3::zeros((steps, batch, self.input_size())),
            h0: Array2::zeros((batch, self.hidden_size())),
        }
    }
}

// ANCHOR: accumulate
/// The gradient of a = x W_xᵀ + h W_hᵀ + b, accumulated: given da (B, H),
/// dW_x += daᵀ x, dW_h += daᵀ h, db += Σ_batch da.
///
/// Every cell of the chapter uses this for each of its gates.
pub fn accumulate_affine<F: Scalar>(
    dw_x: &mut Array2<F>,
    dw_h: &mut Array2<F>,
    db: &mut Array1<F>,
    da: ArrayView2<F>,
    x_t: ArrayView2<F>,
    h_prev: ArrayView2<F>,
) {
    general_mat_mul(F::one(), &da.t(), &x_t, F::one(), dw_x);
    general_mat_mul(F::one(), &da.t(), &h_prev, F::one(), dw_h);
    *db += &da.sum_axis(Axis(0));
}
// ANCHOR_END: accumulate
