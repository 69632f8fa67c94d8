//! Exercise (section 3.2): one step of the LSTM, backward.
//!
//! The step forward (`Lstm::step`) computes, for a batch in rows, with
//! a^g_t = x_t W_xgᵀ + h_{t-1} W_hgᵀ + b_g for every gate g ∈ {i, f, o, c}:
//!
//! ```text
//! i_t = σ(a^i_t)    f_t = σ(a^f_t)    o_t = σ(a^o_t)    C̃_t = tanh(a^c_t)
//! C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t     h_t = o_t ⊙ tanh(C_t)
//! ```
//!
//! Going back, with `dh_t` = h̄_t (everything that reaches h_t) and
//! `dc_t` = γ_t (what reaches C_t from after the step):
//!
//! ```text
//! ō_t = h̄_t ⊙ tanh(C_t)          C̄_t = γ_t + h̄_t ⊙ o_t ⊙ (1 − tanh²(C_t))
//! ī_t = C̄_t ⊙ C̃_t   f̄_t = C̄_t ⊙ C_{t-1}   C̃̄_t = C̄_t ⊙ i_t   to C_{t-1}: C̄_t ⊙ f_t
//! ā^i_t = ī_t ⊙ i_t(1 − i_t)     ā^f_t = f̄_t ⊙ f_t(1 − f_t)
//! ā^o_t = ō_t ⊙ o_t(1 − o_t)     ā^c_t = C̃̄_t ⊙ (1 − C̃_t²)
//! ∂L/∂W_xg += ā^gᵀ x_t     ∂L/∂W_hg += ā^gᵀ h_{t-1}     ∂L/∂b_g += Σ_batch ā^g
//! ∂L/∂x_t = Σ_g ā^g W_xg    to h_{t-1}: Σ_g ā^g W_hg
//! ```

use lstm::{Lstm, LstmStep};
use ndarray::{Array2, ArrayView2};

// What the step took, what it returned, the two gradients and the sums:
// eight arguments, as the equations have them.
#[allow(clippy::too_many_arguments)]
/// The backward pass of one step of `cell`.
///
/// - `x_t`: (B, D), the step's input; `h_prev`, `c_prev`: (B, H), h_{t-1}
///   and C_{t-1};
/// - `step`: what `cell.step(x_t, h_prev, c_prev)` returned: the gates
///   `i`, `f`, `o`, the candidate `c_tilde`, `c` = C_t and `h` = h_t, each (B, H);
/// - `dh_t`: (B, H), h̄_t; `dc_t`: (B, H), γ_t, the gradient that reaches
///   C_t from after the step (the path through h_t is yours to add);
/// - `grads`: an `Lstm` holding gradients, one per parameter under the
///   parameter's name: **add** this step's shares into all twelve, `grads.w_x*`
///   (H, D), `grads.w_h*` (H, H) and `grads.b_*` (H), for * in i, f, o, c.
///
/// Returns `(dx_t, dh_prev, dc_prev)`: ∂L/∂x_t (B, D) and what goes back to
/// h_{t-1} and to C_{t-1} (B, H each).
pub fn step_backward(
    cell: &Lstm<f64>,
    x_t: ArrayView2<f64>,
    h_prev: ArrayView2<f64>,
    c_prev: ArrayView2<f64>,
    step: &LstmStep<f64>,
    dh_t: ArrayView2<f64>,
    dc_t: ArrayView2<f64>,
    grads: &mut Lstm<f64>,
) -> (Array2<f64>, Array2<f64>, Array2<f64>) {
    todo!("write the LSTM step backward (hint: exercises/hints/lstm_backward.md)")
}
