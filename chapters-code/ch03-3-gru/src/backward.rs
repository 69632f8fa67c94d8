//! Backpropagation through time for the GRU, both forms.

use ndarray::{Array2, Array3, ArrayView3, ArrayViewD, Axis, linalg::general_mat_mul};
use numeric::Scalar;
use numeric::activation::{sigmoid_grad_from_output, tanh_grad_from_output};
use numeric::sequence::{check_input, check_step_gradient};
use vanilla_rnn::backward::accumulate_affine;

use crate::{Gru, GruTrace};

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

impl<F: Scalar> GruGrads<F> {
    /// Every gradient by name: the parameters' names, then `x` and `h0`.
    pub fn tensors(&self) -> Vec<(&'static str, ArrayViewD<'_, F>)> {
        let mut tensors = self.params.tensors();
        tensors.push(("x", self.x.view().into_dyn()));
        tensors.push(("h0", self.h0.view().into_dyn()));
        tensors
    }
}

impl<F: Scalar> Gru<F> {
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
        let one = F::one();
        let mut dh_next = Array2::<F>::zeros((batch, hidden));
        for t in (0..steps).rev() {
            let at = |a: &Array3<F>| a.index_axis(Axis(0), t).to_owned();
            let (z, r, n) = (at(&trace.z), at(&trace.r), at(&trace.n));
            let (x_t, h_prev) = (x.index_axis(Axis(0), t), trace.h.index_axis(Axis(0), t));
            // h_t = h_{t-1} + z ⊙ (n − h_{t-1}).
            let dh_t = &dh.index_axis(Axis(0), t) + &dh_next;
            let dz = &dh_t * &(&n - &h_prev);
            let dn = &dh_t * &z;
            let mut dh_prev = &dh_t * &z.mapv(|v| one - v);
            let da_n = dn * &n.mapv(tanh_grad_from_output);
            let da_z = dz * &z.mapv(sigmoid_grad_from_output);
            // The candidate's pre-activation, and through it the reset gate.
            general_mat_mul(one, &da_n.t(), &x_t, one, &mut g.params.w_xn);
            g.params.b_n += &da_n.sum_axis(Axis(0));
            let dr = match (&trace.hn, &mut g.params.b_hn) {
                // Article's form: a_n = W_xn x + W_hn (r ⊙ h) + b_n.
                (None, _) => {
                    let reset_h = &r * &h_prev;
                    general_mat_mul(one, &da_n.t(), &reset_h, one, &mut g.params.w_hn);
                    let d_reset_h = da_n.dot(&self.w_hn);
                    dh_prev += &(&d_reset_h * &r);
                    d_reset_h * h_prev
                }
                // Reset after: a_n = W_xn x + b_n + r ⊙ (W_hn h + b_hn).
                (Some(hn), Some(db_hn)) => {
                    let d_hn = &da_n * &r;
                    general_mat_mul(one, &d_hn.t(), &h_prev, one, &mut g.params.w_hn);
                    *db_hn += &d_hn.sum_axis(Axis(0));
                    dh_prev += &d_hn.dot(&self.w_hn);
                    &da_n * &hn.index_axis(Axis(0), t)
                }
                (Some(_), None) => {
                    unreachable!("a reset-after trace comes with a b_hn gradient")
                }
            };
            let da_r = dr * &r.mapv(sigmoid_grad_from_output);
            accumulate_affine(
                &mut g.params.w_xz,
                &mut g.params.w_hz,
                &mut g.params.b_z,
                da_z.view(),
                x_t,
                h_prev,
            );
            accumulate_affine(
                &mut g.params.w_xr,
                &mut g.params.w_hr,
                &mut g.params.b_r,
                da_r.view(),
                x_t,
                h_prev,
            );
            let dx_t = da_z.dot(&self.w_xz) + da_r.dot(&self.w_xr) + da_n.dot(&self.w_xn);
            g.x.index_axis_mut(Axis(0), t).assign(&dx_t);
            dh_next = dh_prev + da_z.dot(&self.w_hz) + da_r.dot(&self.w_hr);
        }
        g.h0 = dh_next;
        g
    }
    // ANCHOR_END: backward

    fn zero_grads(&self, steps: usize, batch: usize) -> GruGrads<F> {
        let (input, hidden) = (self.input_size(), self.hidden_size());
        GruGrads {
            params: Gru::zeros(input, hidden, self.form()),
            x: Array3::zeros((steps, batch, input)),
            h0: Array2::zeros((batch, hidden)),
        }
    }
}
