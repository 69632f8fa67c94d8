//! Solution: the peephole LSTM (Gers and Schmidhuber, 2000, in Graves's
//! 2013 form), written here; the book's LSTM has no peepholes.
//!
//! Backward, with h̄_t = `dh_t`, γ_t = `dc_t` and the LSTM's notation of
//! section 3.2, the peepholes add three paths:
//!
//! ```text
//! ō_t = h̄_t ⊙ tanh(C_t)          ā^o_t = ō_t ⊙ o_t(1 − o_t)
//! C̄_t = γ_t + h̄_t ⊙ o_t ⊙ (1 − tanh²(C_t)) + ā^o_t ⊙ p_o        (o reads C_t)
//! ī_t, f̄_t, C̃̄_t, ā^i_t, ā^f_t, ā^c_t as in the LSTM
//! to C_{t-1}: C̄_t ⊙ f_t + ā^i_t ⊙ p_i + ā^f_t ⊙ p_f              (i, f read C_{t-1})
//! ∂L/∂p_i += Σ_batch ā^i ⊙ C_{t-1}   ∂L/∂p_f += Σ_batch ā^f ⊙ C_{t-1}   ∂L/∂p_o += Σ_batch ā^o ⊙ C_t
//! ```

use lstm::Lstm;
use ndarray::{Array1, Array2, ArrayView2, Axis};
use numeric::activation::{sigmoid, sigmoid_grad_from_output, tanh_grad_from_output};
use vanilla_rnn::backward::accumulate_affine;
use vanilla_rnn::cell::affine;

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

/// See the exercise's contract in exercises/src/peephole_lstm.rs.
pub fn step(
    cell: &PeepholeLstm,
    x_t: ArrayView2<f64>,
    h_prev: ArrayView2<f64>,
    c_prev: ArrayView2<f64>,
) -> PeepholeStep {
    let l = &cell.lstm;
    // p ⊙ C: the vector p (H) multiplies every row of C (B, H).
    let a_i = affine(x_t, &l.w_xi, h_prev, &l.w_hi, &l.b_i) + &(&c_prev * &cell.p_i);
    let a_f = affine(x_t, &l.w_xf, h_prev, &l.w_hf, &l.b_f) + &(&c_prev * &cell.p_f);
    let i = a_i.mapv(sigmoid);
    let f = a_f.mapv(sigmoid);
    let c_tilde = affine(x_t, &l.w_xc, h_prev, &l.w_hc, &l.b_c).mapv(f64::tanh);
    let c = &f * &c_prev + &i * &c_tilde;
    // The output gate looks at the new cell state.
    let a_o = affine(x_t, &l.w_xo, h_prev, &l.w_ho, &l.b_o) + &(&c * &cell.p_o);
    let o = a_o.mapv(sigmoid);
    let h = &o * &c.mapv(f64::tanh);
    PeepholeStep {
        i,
        f,
        o,
        c_tilde,
        c,
        h,
    }
}

// Eight arguments, as the exercise's contract has them.
#[allow(clippy::too_many_arguments)]
/// See the exercise's contract in exercises/src/peephole_lstm.rs.
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
    let PeepholeStep {
        i,
        f,
        o,
        c_tilde,
        c,
        ..
    } = step;
    let l = &cell.lstm;
    let tanh_c = c.mapv(f64::tanh);
    // h_t = o ⊙ tanh(C_t): ō = h̄ ⊙ tanh(C_t), then through σ.
    let da_o = &dh_t * &tanh_c * &o.mapv(sigmoid_grad_from_output);
    // C_t reaches the loss after the step (γ_t), through h_t, and through
    // the output gate's peephole.
    let dc =
        &dc_t + &(&dh_t * o * &tanh_c.mapv(tanh_grad_from_output)) + &(&da_o * &cell.p_o);
    // C_t = f ⊙ C_{t-1} + i ⊙ C̃: each factor's gradient is C̄ times the other.
    let da_i = &dc * c_tilde * &i.mapv(sigmoid_grad_from_output);
    let da_f = &dc * &c_prev * &f.mapv(sigmoid_grad_from_output);
    let da_c = &dc * i * &c_tilde.mapv(tanh_grad_from_output);
    // C_{t-1} feeds C_t through f, and i and f through their peepholes.
    let dc_prev = &dc * f + &(&da_i * &cell.p_i) + &(&da_f * &cell.p_f);
    // The peepholes: ∂L/∂p_g += Σ_batch ā^g ⊙ (the cell state gate g reads).
    grads.p_i += &(&da_i * &c_prev).sum_axis(Axis(0));
    grads.p_f += &(&da_f * &c_prev).sum_axis(Axis(0));
    grads.p_o += &(&da_o * c).sum_axis(Axis(0));
    // The affine maps, as in the LSTM.
    let g = &mut grads.lstm;
    for (dw_x, dw_h, db, da) in [
        (&mut g.w_xi, &mut g.w_hi, &mut g.b_i, &da_i),
        (&mut g.w_xf, &mut g.w_hf, &mut g.b_f, &da_f),
        (&mut g.w_xo, &mut g.w_ho, &mut g.b_o, &da_o),
        (&mut g.w_xc, &mut g.w_hc, &mut g.b_c, &da_c),
    ] {
        accumulate_affine(dw_x, dw_h, db, da.view(), x_t, h_prev);
    }
    let dx_t =
        da_i.dot(&l.w_xi) + da_f.dot(&l.w_xf) + da_o.dot(&l.w_xo) + da_c.dot(&l.w_xc);
    let dh_prev =
        da_i.dot(&l.w_hi) + da_f.dot(&l.w_hf) + da_o.dot(&l.w_ho) + da_c.dot(&l.w_hc);
    (dx_t, dh_prev, dc_prev)
}
