//! Exercise (section 3.2): the peephole LSTM, one step forward and back.
//!
//! Gers and Schmidhuber (2000) let the gates look at the cell state through
//! "peephole" connections, one weight per unit (a diagonal matrix, so a
//! vector p of length H, applied element by element). In the common form
//! (Graves, 2013; TensorFlow's `LSTMCell(use_peepholes=True)`), for a batch in
//! rows, with a^g_t = x_t W_xgᵀ + h_{t-1} W_hgᵀ + b_g the LSTM's affine maps:
//!
//! ```text
//! i_t = σ(a^i_t + p_i ⊙ C_{t-1})
//! f_t = σ(a^f_t + p_f ⊙ C_{t-1})
//! C̃_t = tanh(a^c_t)
//! C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t
//! o_t = σ(a^o_t + p_o ⊙ C_t)          (o reads the new cell state C_t)
//! h_t = o_t ⊙ tanh(C_t)
//! ```
//!
//! With p_i = p_f = p_o = 0 this is the LSTM of section 3.2 (`Lstm::step`).
//! The backward pass is the LSTM's (section 3.2, "One step, backward") with
//! one more path per peephole; finding them is the exercise. Write h̄_t for
//! `dh_t` and γ_t for `dc_t`, as the section does.

use lstm::Lstm;
use ndarray::{Array1, Array2, ArrayView2};

/// A peephole LSTM layer: the LSTM's twelve weights and biases, named as in
/// section 3.2 (`w_x*` (H, D), `w_h*` (H, H), `b_*` (H)), and the three
/// peephole weights p_i, p_f, p_o, each (H).
#[derive(Debug, Clone, PartialEq)]
pub struct PeepholeLstm {
    pub lstm: Lstm<f64>,
    pub p_i: Array1<f64>,
    pub p_f: Array1<f64>,
    pub p_o: Array1<f64>,
}

// The LSTM's tensors under their own names (`w_xi`, …), then `p_i`, `p_f`, `p_o`.
numeric::params! { PeepholeLstm as f64 { p_i, p_f, p_o } nested { lstm } }

/// Everything one step computes, each (B, H): the gates, the candidate C̃_t,
/// the new cell state C_t and the new hidden state h_t.
#[derive(Debug, Clone, PartialEq)]
pub struct PeepholeStep {
    pub i: Array2<f64>,
    pub f: Array2<f64>,
    pub o: Array2<f64>,
    pub c_tilde: Array2<f64>,
    pub c: Array2<f64>,
    pub h: Array2<f64>,
}

/// One step of `cell` forward, by the equations above.
///
/// - `x_t`: (B, D); `h_prev`, `c_prev`: (B, H), h_{t-1} and C_{t-1}.
///
/// Returns every value of the step (each (B, H)): what `step_backward` needs.
pub fn step(
    cell: &PeepholeLstm,
    x_t: ArrayView2<f64>,
    h_prev: ArrayView2<f64>,
    c_prev: ArrayView2<f64>,
) -> PeepholeStep {
    todo!("write the peephole LSTM's step (hint: exercises/hints/peephole_lstm.md)")
}

// What the step took, what it returned, the two gradients and the sums:
// eight arguments, as for the LSTM.
#[allow(clippy::too_many_arguments)]
/// The backward pass of one step of `cell`.
///
/// - `x_t`: (B, D); `h_prev`, `c_prev`: (B, H), what [`step`] took;
/// - `step`: what [`step`] returned for them;
/// - `dh_t`: (B, H), h̄_t; `dc_t`: (B, H), γ_t, the gradient that reaches
///   C_t from after the step (the paths through h_t and o_t are yours to add);
/// - `grads`: a `PeepholeLstm` holding gradients, one per parameter under
///   the parameter's name: **add** this step's shares into the twelve of
///   `grads.lstm` and into `grads.p_i`, `grads.p_f`, `grads.p_o` (H each).
///
/// Returns `(dx_t, dh_prev, dc_prev)`: ∂L/∂x_t (B, D) and what goes back to
/// h_{t-1} and to C_{t-1} (B, H each).
pub fn step_backward(
    cell: &PeepholeLstm,
    x_t: ArrayView2<f64>,
    h_prev: ArrayView2<f64>,
    c_prev: ArrayView2<f64>,
    step: &PeepholeStep,
    dh_t: ArrayView2<f64>,
    dc_t: ArrayView2<f64>,
    grads: &mut PeepholeLstm,
) -> (Array2<f64>, Array2<f64>, Array2<f64>) {
    todo!(
        "write the peephole LSTM's step backward (hint: exercises/hints/peephole_lstm.md)"
    )
}
