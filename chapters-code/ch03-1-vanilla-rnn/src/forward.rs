//! The forward pass over a whole sequence.

use ndarray::{Array3, ArrayView2, ArrayView3, Axis, s};

use numeric::Scalar;
use numeric::sequence::{check_input, initial_state};

use crate::VanillaRnn;

/// What the forward pass keeps for the backward pass: every state h_0 … h_T.
///
/// The backward pass needs h_{t-1} (for dW_hh) and h_t (for tanh' = 1 - h_t²);
/// x it is given again.
#[derive(Debug, Clone)]
pub struct RnnTrace<F> {
    /// (T + 1, B, H): `h[0]` is the initial state, `h[t]` the state after step t.
    pub h: Array3<F>,
}

impl<F: Scalar> RnnTrace<F> {
    // ANCHOR: views
    /// The states after each step, h_1 … h_T, as (T, B, H).
    pub fn states(&self) -> ArrayView3<'_, F> {
        self.h.slice(s![1.., .., ..])
    }

    /// The last state h_T, (B, H).
    pub fn last(&self) -> ArrayView2<'_, F> {
        self.h.index_axis(Axis(0), self.h.len_of(Axis(0)) - 1)
    }
    // ANCHOR_END: views
}

impl<F: Scalar> VanillaRnn<F> {
    // ANCHOR: forward
    /// Run the layer over `x` (T, B, D) from `h0` (B, H; zeros if `None`).
    /// Returns the trace: every state, for the output layer and the backward pass.
    pub fn forward(&self, x: ArrayView3<F>, h0: Option<ArrayView2<F>>) -> RnnTrace<F> {
        let (steps, batch) = check_input("VanillaRnn", &x, self.input_size());
        let hidden = self.hidden_size();
        let mut h = Array3::zeros((steps + 1, batch, hidden));
        h.index_axis_mut(Axis(0), 0).assign(&initial_state(
            "VanillaRnn",
            "h0",
            h0,
            batch,
            hidden,
        ));
        for t in 0..steps {
            let h_t = self.step(x.index_axis(Axis(0), t), h.index_axis(Axis(0), t));
            h.index_axis_mut(Axis(0), t + 1).assign(&h_t);
        }
        RnnTrace { h }
    }
    // ANCHOR_END: forward
}
