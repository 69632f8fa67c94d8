//! The LSTM's forward pass over a whole sequence.

use ndarray::{Array3, ArrayView2, ArrayView3, Axis, s};
use numeric::Scalar;
use numeric::sequence::{check_input, initial_state};

use crate::{Lstm, LstmStep};

/// What the forward pass keeps for the backward pass.
///
/// The backward pass needs, at every step, the four gate values, the cell
/// states C_{t-1} and C_t (tanh(C_t) it recomputes) and h_{t-1}.
#[derive(Debug, Clone)]
pub struct LstmTrace<F> {
    /// (T + 1, B, H): `h[0]` = h_0, `h[t]` = h_t.
    pub h: Array3<F>,
    /// (T + 1, B, H): `c[0]` = C_0, `c[t]` = C_t.
    pub c: Array3<F>,
    /// (T, B, H) each: the gates and the candidate at steps 1 … T.
    pub i: Array3<F>,
    pub f: Array3<F>,
    pub o: Array3<F>,
    pub c_tilde: Array3<F>,
}

impl<F: Scalar> LstmTrace<F> {
    /// The hidden states h_1 … h_T, (T, B, H).
    pub fn states(&self) -> ArrayView3<'_, F> {
        self.h.slice(s![1.., .., ..])
    }

    /// The last hidden state h_T, (B, H).
    pub fn last_h(&self) -> ArrayView2<'_, F> {
        self.h.index_axis(Axis(0), self.h.len_of(Axis(0)) - 1)
    }

    /// The last cell state C_T, (B, H).
    pub fn last_c(&self) -> ArrayView2<'_, F> {
        self.c.index_axis(Axis(0), self.c.len_of(Axis(0)) - 1)
    }

    // ANCHOR: step_cache
    /// What [`step`](Lstm::step) returned at step `t` (the one that read
    /// `x[t]`), copied out of the trace: the gates at `t`, `c[t + 1]`, `h[t + 1]`.
    pub fn step(&self, t: usize) -> LstmStep<F> {
        let at = |a: &Array3<F>, k| a.index_axis(Axis(0), k).to_owned();
        LstmStep {
            i: at(&self.i, t),
            f: at(&self.f, t),
            o: at(&self.o, t),
            c_tilde: at(&self.c_tilde, t),
            c: at(&self.c, t + 1),
            h: at(&self.h, t + 1),
        }
    }
    // ANCHOR_END: step_cache
}

impl<F: Scalar> Lstm<F> {
    // ANCHOR: forward
    /// Run the layer over `x` (T, B, D) from h_0 and C_0 (B, H; zeros if `None`).
    pub fn forward(
        &self,
        x: ArrayView3<F>,
        h0: Option<ArrayView2<F>>,
        c0: Option<ArrayView2<F>>,
    ) -> LstmTrace<F> {
        let (steps, batch) = check_input("Lstm", &x, self.input_size());
        let hidden = self.hidden_size();
        let states = (steps + 1, batch, hidden);
        let gates = (steps, batch, hidden);
        let mut trace = LstmTrace {
            h: Array3::zeros(states),
            c: Array3::zeros(states),
            i: Array3::zeros(gates),
            f: Array3::zeros(gates),
            o: Array3::zeros(gates),
            c_tilde: Array3::zeros(gates),
        };
        trace
            .h
            .index_axis_mut(Axis(0), 0)
            .assign(&initial_state("Lstm", "h0", h0, batch, hidden));
        trace
            .c
            .index_axis_mut(Axis(0), 0)
            .assign(&initial_state("Lstm", "c0", c0, batch, hidden));
        for t in 0..steps {
            let step = self.step(
                x.index_axis(Axis(0), t),
                trace.h.index_axis(Axis(0), t),
                trace.c.index_axis(Axis(0), t),
            );
            trace.i.index_axis_mut(Axis(0), t).assign(&step.i);
            trace.f.index_axis_mut(Axis(0), t).assign(&step.f);
            trace.o.index_axis_mut(Axis(0), t).assign(&step.o);
            trace
                .c_tilde
                .index_axis_mut(Axis(0), t)
                .assign(&step.c_tilde);
            trace.c.index_axis_mut(Axis(0), t + 1).assign(&step.c);
            trace.h.index_axis_mut(Axis(0), t + 1).assign(&step.h);
        }
        trace
    }
    // ANCHOR_END: forward
}
