//! How much gradient reaches each earlier state: ‖∂L/∂h_t‖ against the
//! distance T − t, for a loss that depends on the last state h_T only.
//!
//! Backpropagation through time computes ∂L/∂h_t on its way back, but the
//! cells of chapter 3 return only the gradient at the start, ∂L/∂h_0. The
//! gradient at h_t is the start-gradient of the *suffix* of the sequence
//! that begins at h_t, so running the backward pass on every suffix of the
//! recorded trace gives all of them, each exactly (at O(T²) cost, which is
//! nothing at these sizes).

use fast_rnn::fastmath::FastMath;
use gru::GruTrace;
use lstm::LstmTrace;
use ndarray::{Array2, Array3, ArrayView2, ArrayView3, s};
use recurrent::{Recurrent, RecurrentTrace};
use vanilla_rnn::RnnTrace;

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
/// held fixed, the part that flows through the hidden state.
pub fn gradient_by_distance<F: FastMath>(
    rnn: &Recurrent<F>,
    x: ArrayView3<F>,
    dh_last: ArrayView2<F>,
) -> Vec<f64> {
    let (states, trace) = rnn.forward(x);
    let (steps, batch, hidden) = states.dim();
    assert_eq!(
        dh_last.dim(),
        (batch, hidden),
        "dh_last has shape {:?} but the states are (B, H) = ({batch}, {hidden})",
        dh_last.dim()
    );
    let mut dh = Array3::zeros((steps, batch, hidden));
    dh.slice_mut(s![steps - 1, .., ..]).assign(&dh_last);
    let mut by_distance = vec![batch_mean_norm(&dh_last.to_owned())];
    // The suffix that starts at h_t, for t = T − 1 down to 0.
    for t in (0..steps).rev() {
        let g0 = suffix_start_gradient(
            rnn,
            &trace,
            x.slice(s![t.., .., ..]),
            dh.slice(s![t.., .., ..]),
            t,
        );
        by_distance.push(batch_mean_norm(&g0));
    }
    by_distance
}
// ANCHOR_END: distance

/// ∂L/∂h_t: the backward pass over steps t+1 … T, from the recorded trace.
fn suffix_start_gradient<F: FastMath>(
    rnn: &Recurrent<F>,
    trace: &RecurrentTrace<F>,
    x: ArrayView3<F>,
    dh: ArrayView3<F>,
    t: usize,
) -> Array2<F> {
    let from = |a: &Array3<F>| a.slice(s![t.., .., ..]).to_owned();
    match (rnn, trace) {
        (Recurrent::Rnn(cell), RecurrentTrace::Rnn(tr)) => {
            let suffix = RnnTrace { h: from(&tr.h) };
            let dy = Array3::zeros((dh.dim().0, dh.dim().1, 0));
            cell.backward(x, &suffix, dh, dy.view()).h0
        }
        (Recurrent::Lstm(cell), RecurrentTrace::Lstm(tr)) => {
            let suffix = LstmTrace {
                h: from(&tr.h),
                c: from(&tr.c),
                i: from(&tr.i),
                f: from(&tr.f),
                o: from(&tr.o),
                c_tilde: from(&tr.c_tilde),
            };
            cell.backward(x, &suffix, dh, None).h0
        }
        (Recurrent::Gru(cell), RecurrentTrace::Gru(tr)) => {
            let suffix = GruTrace {
                h: from(&tr.h),
                z: from(&tr.z),
                r: from(&tr.r),
                n: from(&tr.n),
                hn: tr.hn.as_ref().map(from),
            };
            cell.backward(x, &suffix, dh).h0
        }
        _ => panic!(
            "gradient_by_distance: use the readable cells of chapter 3 (lstm, gru, rnn)"
        ),
    }
}
