//! Backpropagation through time for the GRU, both forms.

use ndarray::{Array2, Array3, ArrayView2, ArrayView3, Axis, linalg::general_mat_mul};
use numeric::Scalar;
use numeric::activation::{sigmoid_grad_from_output, tanh_grad_from_output};
use numeric::sequence::{check_input, check_step_gradient};
use vanilla_rnn::backward::accumulate_affine;

use crate::{Gru, GruStep, GruTrace};

/// Gradients of a loss: for the parameters, a [`Gru`] whose every field
/// holds the gradient of the field of the same name (`b_hn` only in the
/// reset-after form); and for the inputs and the initial state.
#[derive(Debug, Clone, PartialEq)]
pub struct GruGrads<F> {
    pub params: Gru<F>,
    /// dL/dx, (T, B, D).
    pub x: Array3<F>,
    /// dL/dh_0, (B, H).
    pub h0: Array2<F>,
}

// The parameters' gradients under the parameters' names, then the inputs' and initial states'.
numeric::params! { GruGrads { x, h0 } nested { params } }

impl<F: Scalar> Gru<F> {
    // ANCHOR: step_backward
    /// The derivative of one step, in the layer's form.
    ///
    /// Takes what [`step`](Self::step) took, x_t (B, D) and h_prev = h_{t-1}
    /// (B, H); what it returned, `step`; and dh_t (B, H), the total gradient
    /// ∂L/∂h_t (from outside the layer and from step t + 1). Adds this step's
    /// share to the parameter gradients in `grads` (a `Gru` of the layer's
    /// form whose every field holds the gradient of the field of the same
    /// name) and returns ∂L/∂x_t (B, D) and the gradient that reaches h_{t-1}
    /// through this step (B, H).
    pub fn step_backward(
        &self,
        x_t: ArrayView2<F>,
        h_prev: ArrayView2<F>,
        step: &GruStep<F>,
        dh_t: ArrayView2<F>,
        grads: &mut Gru<F>,
    ) -> (Array2<F>, Array2<F>) {
        let form = self.form();
        assert!(
            step.hn.is_some() == self.b_hn.is_some() && grads.form() == form,
            "Gru::step_backward: the step and the gradients must be of the layer's \
             form ({form:?})"
        );
        let GruStep { z, r, n, hn, .. } = step;
        let one = F::one();
        // h_t = h_{t-1} + z ⊙ (h̃ − h_{t-1}): z̄ = h̄ ⊙ (h̃ − h_{t-1}), h̃̄ = h̄ ⊙ z,
        // and h_{t-1} receives h̄ ⊙ (1 − z) directly.
        let dz = &dh_t * &(n - &h_prev);
        let dn = &dh_t * z;
        let mut dh_prev = &dh_t * &z.mapv(|v| one - v);
        // Through the squashing functions: ā_n = h̃̄ ⊙ (1 − h̃²), ā_z = z̄ ⊙ z(1 − z).
        let da_n = dn * &n.mapv(tanh_grad_from_output);
        let da_z = dz * &z.mapv(sigmoid_grad_from_output);
        // The candidate's pre-activation, and through it the reset gate:
        // dW_xn += ā_nᵀ x_t, db_n += Σ_batch ā_n.
        general_mat_mul(one, &da_n.t(), &x_t, one, &mut grads.w_xn);
        grads.b_n += &da_n.sum_axis(Axis(0));
        let dr = match (hn, &mut grads.b_hn) {
            // Article's form: a_n = W_xn x + W_hn (r ⊙ h) + b_n, with u = W_hnᵀ ā_n:
            // dW_hn += ā_nᵀ (r ⊙ h), h_{t-1} receives u ⊙ r, r̄ = u ⊙ h_{t-1}.
            (None, _) => {
                let reset_h = r * &h_prev;
                general_mat_mul(one, &da_n.t(), &reset_h, one, &mut grads.w_hn);
                let d_reset_h = da_n.dot(&self.w_hn);
                dh_prev += &(&d_reset_h * r);
                d_reset_h * h_prev
            }
            // Reset after: a_n = W_xn x + b_n + r ⊙ m, m = W_hn h + b_hn, m̄ = ā_n ⊙ r:
            // dW_hn += m̄ᵀ h_{t-1}, db_hn += Σ_batch m̄, h_{t-1} receives W_hnᵀ m̄,
            // r̄ = ā_n ⊙ m.
            (Some(hn), Some(db_hn)) => {
                let d_hn = &da_n * r;
                general_mat_mul(one, &d_hn.t(), &h_prev, one, &mut grads.w_hn);
                *db_hn += &d_hn.sum_axis(Axis(0));
                dh_prev += &d_hn.dot(&self.w_hn);
                &da_n * hn
            }
            (Some(_), None) => unreachable!("the forms agree (checked above)"),
        };
        let da_r = dr * &r.mapv(sigmoid_grad_from_output);
        // z and r are affine maps of x_t and h_{t-1}:
        // dW_xg += ā_gᵀ x_t, dW_hg += ā_gᵀ h_{t-1}, db_g += Σ_batch ā_g.
        accumulate_affine(
            &mut grads.w_xz,
            &mut grads.w_hz,
            &mut grads.b_z,
            da_z.view(),
            x_t,
            h_prev,
        );
        accumulate_affine(
            &mut grads.w_xr,
            &mut grads.w_hr,
            &mut grads.b_r,
            da_r.view(),
            x_t,
            h_prev,
        );
        // ∂L/∂x_t = W_xzᵀ ā_z + W_xrᵀ ā_r + W_xnᵀ ā_n, and h_{t-1} receives
        // W_hzᵀ ā_z + W_hrᵀ ā_r on top of the above (one example per row).
        let dx_t = da_z.dot(&self.w_xz) + da_r.dot(&self.w_xr) + da_n.dot(&self.w_xn);
        let dh_prev = dh_prev + da_z.dot(&self.w_hz) + da_r.dot(&self.w_hr);
        (dx_t, dh_prev)
    }
    // ANCHOR_END: step_backward

    // ANCHOR: backward
    /// Given dL/dh_t for every step (T, B, H), return the gradient of every
    /// parameter, of x and of h_0.
    pub fn backward(
        &self,
        x: ArrayView3<F>,
        trace: &GruTrace<F>,
        dh: ArrayView3<F>,
    ) -> GruGrads<F> {
        let (steps, batch) = check_input("Gru", &x, self.input_size());
        let hidden = self.hidden_size();
        check_step_gradient("Gru", "dh", &dh, (steps, batch, hidden));
        assert_eq!(
            trace.hn.is_some(),
            self.b_hn.is_some(),
            "Gru: the trace was made by a layer of the other form ({:?})",
            self.form()
        );
        let mut g = self.zero_grads(steps, batch);
        // dL/dh_t arriving from step t + 1 (none after the last step).
        let mut dh_next = Array2::<F>::zeros((batch, hidden));
        for t in (0..steps).rev() {
            // Everything that reaches h_t: from outside, and from the next step.
            let dh_t = &dh.index_axis(Axis(0), t) + &dh_next;
            let (dx_t, dh_prev) = self.step_backward(
                x.index_axis(Axis(0), t),
                trace.h.index_axis(Axis(0), t),
                &trace.step(t),
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

    fn zero_grads(&self, steps: usize, batch: usize) -> GruGrads<F> {
        let (input, hidden) = (self.input_size(), self.hidden_size());
        GruGrads {
            params: numeric::params::zeros_like(self),
            x: Array3::zeros((steps, batch, input)),
            h0: Array2::zeros((batch, hidden)),
        }
    }
}
