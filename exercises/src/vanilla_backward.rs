//! Exercise (section 3.1): one step of the vanilla layer, backward.
//!
//! The step forward is `h_t = tanh(x_t W_xhᵀ + h_{t-1} W_hhᵀ + b_h)` for a
//! batch in rows (`VanillaRnn::step`). Going back, with `dh_t` = h̄_t:
//!
//! ```text
//! ā_t       = h̄_t ⊙ (1 − h_t²)
//! ∂L/∂W_xh += ā_tᵀ x_t        ∂L/∂W_hh += ā_tᵀ h_{t-1}        ∂L/∂b_h += Σ_batch ā_t
//! ∂L/∂x_t   = ā_t W_xh         to h_{t-1}: ā_t W_hh
//! ```

use ndarray::{Array2, ArrayView2};
use vanilla_rnn::VanillaRnn;

/// The backward pass of one step of `cell`.
///
/// - `x_t`: (B, D), the step's input; `h_prev`: (B, H), h_{t-1};
/// - `h_t`: (B, H), what the step returned; `dh_t`: (B, H), h̄_t;
/// - `grads`: a `VanillaRnn` holding gradients, one per parameter under the
///   parameter's name: **add** this step's shares into `grads.w_xh` (H, D),
///   `grads.w_hh` (H, H) and `grads.b_h` (H).
///
/// Returns `(dx_t, dh_prev)`: ∂L/∂x_t (B, D) and what goes back to h_{t-1} (B, H).
pub fn step_backward(
    cell: &VanillaRnn<f64>,
    x_t: ArrayView2<f64>,
    h_prev: ArrayView2<f64>,
    h_t: ArrayView2<f64>,
    dh_t: ArrayView2<f64>,
    grads: &mut VanillaRnn<f64>,
) -> (Array2<f64>, Array2<f64>) {
    todo!("write the vanilla step backward (hint: exercises/hints/vanilla_backward.md)")
}
