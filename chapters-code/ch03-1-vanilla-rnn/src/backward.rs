//! Backpropagation through time for the vanilla layer.

use ndarray::{
    Array1, Array2, Array3, ArrayView2, ArrayView3, ArrayViewD, Axis,
    linalg::general_mat_mul,
};

use numeric::Scalar;
use numeric::activation::tanh_grad_from_output;
use numeric::sequence::{check_input, check_step_gradient};

use crate::{RnnTrace, VanillaRnn};

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

impl<F: Scalar> RnnGrads<F> {
    /// Every gradient by name: the parameters' names, then `x` and `h0`.
    pub fn tensors(&self) -> Vec<(&'static str, ArrayViewD<'_, F>)> {
        let mut tensors = self.params.tensors();
        tensors.push(("x", self.x.view().into_dyn()));
        tensors.push(("h0", self.h0.view().into_dyn()));
        tensors
    }
}

impl<F: Scalar> VanillaRnn<F> {
    // ANCHOR: backward
    /// Given dL/dh_t (T, B, H) and dL/dy_t (T, B, O) for every step — the
    /// gradient that reaches each state and output from the loss directly —
    /// return the gradient of every parameter, of x and of h_0.
    pub fn backward(
        &self,
        x: ArrayView3<F>,
        trace: &RnnTrace<F>,
        dh: ArrayView3<F>,
        dy: ArrayView3<F>,
    ) -> RnnGrads<F> {
        let (steps, batch) = check_input("VanillaRnn", &x, self.input_size());
        let hidden = self.hidden_size();
        check_step_gradient("VanillaRnn", "dh", &dh, (steps, batch, hidden));
        check_step_gradient("VanillaRnn", "dy", &dy, (steps, batch, self.output_size()));
        let mut g = self.zero_grads(steps, batch);
        let one = F::one();
        // dL/dh_t arriving from step t + 1 (none after the last step).
        let mut dh_next = Array2::<F>::zeros((batch, hidden));
        for t in (0..steps).rev() {
            let (x_t, h_prev, h_t) = (
                x.index_axis(Axis(0), t),
                trace.h.index_axis(Axis(0), t),
                trace.h.index_axis(Axis(0), t + 1),
            );
            let dy_t = dy.index_axis(Axis(0), t);
            // Output layer: y_t = h_t W_hyᵀ + b_y.
            general_mat_mul(one, &dy_t.t(), &h_t, one, &mut g.params.w_hy);
            g.params.b_y += &dy_t.sum_axis(Axis(0));
            // Everything that reaches h_t: the loss, the output, the next step.
            let dh_t = &dh.index_axis(Axis(0), t) + &dy_t.dot(&self.w_hy) + &dh_next;
            // Through tanh: da = dh ⊙ (1 - h_t²).
            let da = &dh_t * &h_t.mapv(tanh_grad_from_output);
            accumulate_affine(
                &mut g.params.w_xh,
                &mut g.params.w_hh,
                &mut g.params.b_h,
                da.view(),
                x_t,
                h_prev,
            );
            g.x.index_axis_mut(Axis(0), t).assign(&da.dot(&self.w_xh));
            dh_next = da.dot(&self.w_hh);
        }
        g.h0 = dh_next;
        g
    }
    // ANCHOR_END: backward

    fn zero_grads(&self, steps: usize, batch: usize) -> RnnGrads<F> {
        RnnGrads {
            params: VanillaRnn::zeros(
                self.input_size(),
                self.hidden_size(),
                self.output_size(),
            ),
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
