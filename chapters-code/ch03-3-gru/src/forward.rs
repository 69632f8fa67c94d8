//! The GRU's forward pass over a whole sequence.

use ndarray::{Array3, ArrayView2, ArrayView3, Axis, s};
use numeric::Scalar;
use numeric::sequence::{check_input, initial_state};

use crate::{Gru, GruForm, GruStep};

/// What the forward pass keeps for the backward pass: h_0 … h_T, the gates
/// z and r, the candidate n, and — in the reset-after form only — the
/// product W_hn h_{t-1} + b_hn that the reset gate multiplies.
#[derive(Debug, Clone)]
pub struct GruTrace<F> {
    /// (T + 1, B, H): `h[0]` = h_0.
    pub h: Array3<F>,
    /// (T, B, H) each.
    pub z: Array3<F>,
    pub r: Array3<F>,
    pub n: Array3<F>,
    /// (T, B, H), reset-after form only.
    pub hn: Option<Array3<F>>,
}

impl<F: Scalar> GruTrace<F> {
    /// The hidden states h_1 … h_T, (T, B, H).
    pub fn states(&self) -> ArrayView3<'_, F> {
        self.h.slice(s![1.., .., ..])
    }

    /// The last hidden state h_T, (B, H).
    pub fn last(&self) -> ArrayView2<'_, F> {
        self.h.index_axis(Axis(0), self.h.len_of(Axis(0)) - 1)
    }

    // ANCHOR: step_cache
    /// What [`step`](Gru::step) returned at step `t` (the one that read
    /// `x[t]`), copied out of the trace: the gates at `t` and `h[t + 1]`.
    pub fn step(&self, t: usize) -> GruStep<F> {
        let at = |a: &Array3<F>, k| a.index_axis(Axis(0), k).to_owned();
        GruStep {
            z: at(&self.z, t),
            r: at(&self.r, t),
            n: at(&self.n, t),
            hn: self.hn.as_ref().map(|hn| at(hn, t)),
            h: at(&self.h, t + 1),
        }
    }
    // ANCHOR_END: step_cache
}

impl<F: Scalar> Gru<F> {
    // ANCHOR: forward
    /// Run the layer over `x` (T, B, D) from h_0 (B, H; zeros if `None`).
    pub fn forward(&self, x: ArrayView3<F>, h0: Option<ArrayView2<F>>) -> GruTrace<F> {
        let (steps, batch) = check_input("Gru", &x, self.input_size());
        let hidden = self.hidden_size();
        let gates = (steps, batch, hidden);
        let mut trace = GruTrace {
            h: Array3::zeros((steps + 1, batch, hidden)),
            z: Array3::zeros(gates),
            r: Array3::zeros(gates),
            n: Array3::zeros(gates),
            hn: (self.form() == GruForm::ResetAfter).then(|| Array3::zeros(gates)),
        };
        trace
            .h
            .index_axis_mut(Axis(0), 0)
            .assign(&initial_state("Gru", "h0", h0, batch, hidden));
        for t in 0..steps {
            let step = self.step(x.index_axis(Axis(0), t), trace.h.index_axis(Axis(0), t));
            trace.z.index_axis_mut(Axis(0), t).assign(&step.z);
            trace.r.index_axis_mut(Axis(0), t).assign(&step.r);
            trace.n.index_axis_mut(Axis(0), t).assign(&step.n);
            if let (Some(all), Some(hn)) = (&mut trace.hn, &step.hn) {
                all.index_axis_mut(Axis(0), t).assign(hn);
            }
            trace.h.index_axis_mut(Axis(0), t + 1).assign(&step.h);
        }
        trace
    }
    // ANCHOR_END: forward
}
