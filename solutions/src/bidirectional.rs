//! Solution: the bidirectional layer, written here; the book's layers are
//! unidirectional. Both directions are the chapter's GRU, run whole with
//! its `forward` and `backward`; only the reversals and the halves are new.

use gru::Gru;
use ndarray::{Array3, ArrayView3, Axis, concatenate, s};

/// A bidirectional layer of two GRUs with the same sizes, input D and
/// hidden H (in either form; the grader uses the reset-after one).
/// Its gradient is a `Bidirectional` too, named `forward.w_xz`, …,
/// `backward.w_xz`, ….
#[derive(Debug, Clone, PartialEq)]
pub struct Bidirectional {
    /// Reads x_1, …, x_T.
    pub forward: Gru<f64>,
    /// Reads x_T, …, x_1.
    pub backward: Gru<f64>,
}

// Each layer's tensors as `forward.NAME` and `backward.NAME`.
numeric::params! { Bidirectional as f64 {} prefixed { forward, backward } }

impl Bidirectional {
    /// See the exercise's contract in exercises/src/bidirectional.rs.
    pub fn forward(&self, x: ArrayView3<f64>) -> Array3<f64> {
        let ahead = self.forward.forward(x, None);
        // The backward layer reads x[T-1], …, x[0]; its state after x[t] is
        // at position T-1-t of its trace, so reverse the states back.
        let back = self.backward.forward(x.slice(s![..;-1, .., ..]), None);
        let back_states = back.states();
        concatenate(
            Axis(2),
            &[ahead.states(), back_states.slice(s![..;-1, .., ..])],
        )
        .expect("both layers give (T, B, H)")
    }

    /// See the exercise's contract in exercises/src/bidirectional.rs.
    pub fn backward(
        &self,
        x: ArrayView3<f64>,
        dy: ArrayView3<f64>,
    ) -> (Bidirectional, Array3<f64>) {
        let hidden = self.forward.hidden_size();
        let reversed = x.slice(s![..;-1, .., ..]);
        // The traces again: this layer's forward returns only y.
        let ahead = self.forward.forward(x, None);
        let back = self.backward.forward(reversed, None);
        // Each layer gets its half of ȳ; the backward layer's in its own time order.
        let g_ahead = self
            .forward
            .backward(x, &ahead, dy.slice(s![.., .., ..hidden]));
        let g_back =
            self.backward
                .backward(reversed, &back, dy.slice(s![..;-1, .., hidden..]));
        // x[t] feeds both layers; the backward layer's dx is in reversed time.
        let dx = g_ahead.x + g_back.x.slice(s![..;-1, .., ..]);
        let grads = Bidirectional {
            forward: g_ahead.params,
            backward: g_back.params,
        };
        (grads, dx)
    }
}
