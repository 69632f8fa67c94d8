//! Exercise (section 4): a bidirectional GRU layer, forward and backward.
//!
//! A bidirectional layer (Schuster and Paliwal, 1997) runs two recurrent
//! layers over the same sequence x_1 … x_T, one from the start and one from
//! the end, and puts their states side by side, so that the output at t has
//! read the whole sequence:
//!
//! ```text
//! h→_t = the forward layer's state after reading x_1, …, x_t       (h→_0 = 0)
//! h←_t = the backward layer's state after reading x_T, …, x_t      (h←_{T+1} = 0)
//! y_t  = [h→_t ; h←_t]                                             (2H features)
//! ```
//!
//! h← is the backward layer's `forward` over the time-reversed sequence,
//! reversed back. Going back, split ȳ_t = [ȳ→_t ; ȳ←_t]: each layer's
//! `backward` gets its half (the backward layer's reversed in time, like its
//! input), and x_t receives both layers' gradients, ∂L/∂x_t = x̄→_t + x̄←_t.

use gru::Gru;
use ndarray::{Array3, ArrayView3};

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
    /// Runs both layers over `x` (T, B, D), each from a zero state, and
    /// returns y (T, B, 2H): `y[t]` is the forward layer's state after
    /// `x[0]`, …, `x[t]` in its first H features and the backward layer's
    /// state after `x[T-1]`, …, `x[t]` in its last H.
    ///
    /// `self.forward.forward(x, None)` runs the forward layer (a `GruTrace`,
    /// whose `states()` are h_1 … h_T, (T, B, H)).
    pub fn forward(&self, x: ArrayView3<f64>) -> Array3<f64> {
        todo!(
            "write the bidirectional layer's forward (hint: exercises/hints/bidirectional.md)"
        )
    }

    /// The gradients of a loss L(y), y = `self.forward(x)`, given `dy` =
    /// ∂L/∂y (T, B, 2H).
    ///
    /// Returns `(grads, dx)`: a `Bidirectional` whose every tensor holds the
    /// gradient of the parameter of the same name, and ∂L/∂x (T, B, D). Use
    /// the GRU's own `forward` and `backward` (section 3.3) for each layer.
    pub fn backward(
        &self,
        x: ArrayView3<f64>,
        dy: ArrayView3<f64>,
    ) -> (Bidirectional, Array3<f64>) {
        todo!(
            "write the bidirectional layer's backward (hint: exercises/hints/bidirectional.md)"
        )
    }
}
