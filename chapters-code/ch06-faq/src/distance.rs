//! How much gradient reaches each earlier state: ‖∂L/∂h_t‖ against the
//! distance T − t, for a loss that depends on the last state h_T only.
//!
//! Backpropagation through time computes every ∂L/∂h_t on its way back:
//! one backward pass over the recorded forward pass, a step at a time with
//! the cells' `step_backward` (chapter 3), measures them all, in O(T).

use fast_rnn::fastmath::FastMath;
use ndarray::{Array2, ArrayView2, ArrayView3, Axis};
use recurrent::{Recurrent, RecurrentTrace};

/// The mean over the batch of the Euclidean norm of each row.
pub fn batch_mean_norm<F: FastMath>(g: &Array2<F>) -> f64 {
    let rows = g.nrows() as f64;
    g.rows()
        .into_iter()
        .map(|r| {
            r.iter()
                .map(|v| v.to_f64_lossless().powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .sum::<f64>()
        / rows
}

// ANCHOR: distance
/// For x (T, B, D) and dL/dh_T (B, H): entry d of the result is the mean
/// over the batch of ‖∂L/∂h_{T−d}‖, for d = 0 … T (d = T is the initial state).
///
/// For the LSTM this is the gradient reaching h_t with the cell state C_t
/// held fixed, the part that flows through the hidden state. A fast cell
/// (section 3.4) is measured as the readable cell with its parameters.
pub fn gradient_by_distance<F: FastMath>(
    rnn: &Recurrent<F>,
    x: ArrayView3<F>,
    dh_last: ArrayView2<F>,
) -> Vec<f64> {
    let rnn = readable(rnn);
    let (states, trace) = rnn.forward(x);
    let (steps, batch, hidden) = states.dim();
    assert_eq!(
        dh_last.dim(),
        (batch, hidden),
        "dh_last has shape {:?} but the states are (B, H) = ({batch}, {hidden})",
        dh_last.dim()
    );
    let mut step_backward = hidden_step_backward(&rnn, &trace, x);
    let mut dh_t = dh_last.to_owned();
    let mut by_distance = vec![batch_mean_norm(&dh_t)];
    // One backward pass: step t turns ∂L/∂h_{t+1} into ∂L/∂h_t.
    for t in (0..steps).rev() {
        dh_t = step_backward(t, dh_t.view());
        by_distance.push(batch_mean_norm(&dh_t));
    }
    by_distance
}
// ANCHOR_END: distance

/// A step-`t` closure for the hidden state, `(t, ∂L/∂h_{t+1}) → ∂L/∂h_t`.
type HiddenStepBackward<'a, F> = Box<dyn FnMut(usize, ArrayView2<'_, F>) -> Array2<F> + 'a>;

// ANCHOR: hidden_step_backward
/// The step that read `x[t]`, backwards, for the hidden state: given
/// ∂L/∂h_{t+1} (everything reaching it, as no loss reads the earlier states),
/// the cell's `step_backward` on the recorded step returns ∂L/∂h_t. The LSTM
/// carries ∂L/∂C from step to step (zero at C_T, which the loss does not
/// read); the parameters' gradients are summed and not used.
fn hidden_step_backward<'a, F: FastMath>(
    rnn: &'a Recurrent<F>,
    trace: &'a RecurrentTrace<F>,
    x: ArrayView3<'a, F>,
) -> HiddenStepBackward<'a, F> {
    let (batch, hidden) = (x.dim().1, rnn.hidden_size());
    match (rnn, trace) {
        (Recurrent::Rnn(cell), RecurrentTrace::Rnn(tr)) => {
            let mut grads = numeric::params::zeros_like(cell);
            Box::new(move |t, dh| {
                let (_, dh_prev) = cell.step_backward(
                    x.index_axis(Axis(0), t),
                    tr.h.index_axis(Axis(0), t),
                    tr.h.index_axis(Axis(0), t + 1),
                    dh,
                    &mut grads,
                );
                dh_prev
            })
        }
        (Recurrent::Lstm(cell), RecurrentTrace::Lstm(tr)) => {
            let mut grads = numeric::params::zeros_like(cell);
            let mut dc = Array2::zeros((batch, hidden));
            Box::new(move |t, dh| {
                let (_, dh_prev, dc_prev) = cell.step_backward(
                    x.index_axis(Axis(0), t),
                    tr.h.index_axis(Axis(0), t),
                    tr.c.index_axis(Axis(0), t),
                    &tr.step(t),
                    dh,
                    dc.view(),
                    &mut grads,
                );
                dc = dc_prev;
                dh_prev
            })
        }
        (Recurrent::Gru(cell), RecurrentTrace::Gru(tr)) => {
            let mut grads = numeric::params::zeros_like(cell);
            Box::new(move |t, dh| {
                let (_, dh_prev) = cell.step_backward(
                    x.index_axis(Axis(0), t),
                    tr.h.index_axis(Axis(0), t),
                    &tr.step(t),
                    dh,
                    &mut grads,
                );
                dh_prev
            })
        }
        _ => panic!(
            "gradient_by_distance: only the readable cells of chapter 3 (Lstm, Gru, \
             Rnn) have step_backward; convert a fast cell with to_lstm, to_gru or to_rnn"
        ),
    }
}
// ANCHOR_END: hidden_step_backward

/// The readable cell of chapter 3 with `rnn`'s parameters: a copy of it, or
/// the fast cell of section 3.4 converted back.
fn readable<F: FastMath>(rnn: &Recurrent<F>) -> Recurrent<F> {
    match rnn {
        Recurrent::LstmFast(c) => Recurrent::Lstm(c.to_lstm()),
        Recurrent::GruFast(c) => Recurrent::Gru(c.to_gru()),
        Recurrent::RnnFast(c) => Recurrent::Rnn(c.to_rnn()),
        cell => cell.clone(),
    }
}
