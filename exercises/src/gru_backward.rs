//! Exercise (section 3.3): one step of the GRU (reset after), backward.
//!
//! The step forward (`Gru::step`) in the reset-after form (PyTorch's,
//! `GruForm::ResetAfter`) computes, for a batch in rows:
//!
//! ```text
//! z_t = σ(a^z_t)    a^z_t = x_t W_xzᵀ + h_{t-1} W_hzᵀ + b_z
//! r_t = σ(a^r_t)    a^r_t = x_t W_xrᵀ + h_{t-1} W_hrᵀ + b_r
//! h̃_t = tanh(a^n_t) a^n_t = x_t W_xnᵀ + b_n + r_t ⊙ m_t,   m_t = h_{t-1} W_hnᵀ + b_hn
//! h_t = h_{t-1} + z_t ⊙ (h̃_t − h_{t-1})
//! ```
//!
//! Going back, with `dh_t` = h̄_t (everything that reaches h_t):
//!
//! ```text
//! z̄_t = h̄_t ⊙ (h̃_t − h_{t-1})    h̃̄_t = h̄_t ⊙ z_t      to h_{t-1}: h̄_t ⊙ (1 − z_t)
//! ā^z_t = z̄_t ⊙ z_t(1 − z_t)      ā^n_t = h̃̄_t ⊙ (1 − h̃_t²)
//! ∂L/∂W_xn += ā^nᵀ x_t            ∂L/∂b_n += Σ_batch ā^n
//! m̄_t = ā^n_t ⊙ r_t   ∂L/∂W_hn += m̄ᵀ h_{t-1}   ∂L/∂b_hn += Σ_batch m̄   to h_{t-1}: m̄ W_hn
//! r̄_t = ā^n_t ⊙ m_t               ā^r_t = r̄_t ⊙ r_t(1 − r_t)
//! for g in {z, r}: ∂L/∂W_xg += ā^gᵀ x_t   ∂L/∂W_hg += ā^gᵀ h_{t-1}   ∂L/∂b_g += Σ_batch ā^g
//! ∂L/∂x_t = ā^z W_xz + ā^r W_xr + ā^n W_xn      to h_{t-1}: ā^z W_hz + ā^r W_hr
//! ```
//!
//! What goes back to h_{t-1} is the sum of the three "to h_{t-1}" terms.

use gru::{Gru, GruStep};
use ndarray::{Array2, ArrayView2};

/// The backward pass of one step of `cell`, a GRU in the reset-after form
/// (`cell.b_hn` is `Some`).
///
/// - `x_t`: (B, D), the step's input; `h_prev`: (B, H), h_{t-1};
/// - `step`: what `cell.step(x_t, h_prev)` returned: the gates `z`, `r`,
///   the candidate `n` = h̃_t, `hn` = `Some(m_t)` and `h` = h_t, each (B, H);
/// - `dh_t`: (B, H), h̄_t;
/// - `grads`: a `Gru` of the same form holding gradients, one per parameter
///   under the parameter's name: **add** this step's shares into all ten,
///   `grads.w_x*` (H, D), `grads.w_h*` (H, H), `grads.b_*` (H) for * in z, r,
///   n, and `grads.b_hn` (H), which is `Some` too.
///
/// Returns `(dx_t, dh_prev)`: ∂L/∂x_t (B, D) and what goes back to h_{t-1} (B, H).
pub fn step_backward(
    cell: &Gru<f64>,
    x_t: ArrayView2<f64>,
    h_prev: ArrayView2<f64>,
    step: &GruStep<f64>,
    dh_t: ArrayView2<f64>,
    grads: &mut Gru<f64>,
) -> (Array2<f64>, Array2<f64>) {
    todo!(
        "write the GRU step backward, reset after (hint: exercises/hints/gru_backward.md)"
    )
}
