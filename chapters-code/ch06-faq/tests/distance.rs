//! `gradient_by_distance` measures every ∂L/∂h_t in one backward pass. These
//! tests keep the computation it replaced — one whole backward pass per t,
//! over the suffix of the sequence that starts at h_t (O(T²)) — and require
//! the same numbers, bit for bit, for the three cells.

use faq_experiments::distance::{batch_mean_norm, gradient_by_distance};
use gru::GruTrace;
use lstm::LstmTrace;
use ndarray::{Array2, Array3, ArrayView2, ArrayView3, s};
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;
use recurrent::{CellKind, Recurrent, RecurrentTrace};
use vanilla_rnn::RnnTrace;

/// The O(T²) measurement: ∂L/∂h_t is the initial-state gradient of the
/// backward pass over steps t+1 … T of the recorded trace.
fn gradient_by_distance_by_suffixes(
    rnn: &Recurrent<f64>,
    x: ArrayView3<f64>,
    dh_last: ArrayView2<f64>,
) -> Vec<f64> {
    let (states, trace) = rnn.forward(x);
    let (steps, batch, hidden) = states.dim();
    let mut dh = Array3::zeros((steps, batch, hidden));
    dh.slice_mut(s![steps - 1, .., ..]).assign(&dh_last);
    let mut by_distance = vec![batch_mean_norm(&dh_last.to_owned())];
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

fn suffix_start_gradient(
    rnn: &Recurrent<f64>,
    trace: &RecurrentTrace<f64>,
    x: ArrayView3<f64>,
    dh: ArrayView3<f64>,
    t: usize,
) -> Array2<f64> {
    let from = |a: &Array3<f64>| a.slice(s![t.., .., ..]).to_owned();
    match (rnn, trace) {
        (Recurrent::Rnn(cell), RecurrentTrace::Rnn(tr)) => {
            let suffix = RnnTrace { h: from(&tr.h) };
            cell.backward(x, &suffix, dh).h0
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
        _ => unreachable!("only the readable cells are compared here"),
    }
}

#[test]
fn one_backward_pass_gives_the_suffix_gradients_bit_for_bit() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        for (seed, steps, batch, input, hidden) in
            [(22, 6, 1, 2, 5), (5, 40, 4, 3, 9), (7, 1, 3, 2, 4)]
        {
            let mut rng = StdRng::seed_from_u64(seed);
            let rnn = Recurrent::<f64>::new(cell, input, hidden, &mut rng);
            let x: Array3<f64> = random((steps, batch, input), 1.5, &mut rng);
            let dh_last: Array2<f64> = random((batch, hidden), 1.0, &mut rng);
            let one_pass = gradient_by_distance(&rnn, x.view(), dh_last.view());
            assert_eq!(one_pass.len(), steps + 1);
            assert_eq!(
                one_pass,
                gradient_by_distance_by_suffixes(&rnn, x.view(), dh_last.view()),
                "{cell:?}, T = {steps}"
            );
        }
    }
}

#[test]
fn a_fast_cell_is_measured_as_its_readable_twin() {
    for (fast, readable) in [
        (CellKind::RnnFast, CellKind::Rnn),
        (CellKind::LstmFast, CellKind::Lstm),
        (CellKind::GruFast, CellKind::Gru),
    ] {
        let mut rng = StdRng::seed_from_u64(8);
        let fast_rnn = Recurrent::<f64>::new(fast, 3, 6, &mut rng);
        let mut rng = StdRng::seed_from_u64(8);
        let readable_rnn = Recurrent::<f64>::new(readable, 3, 6, &mut rng);
        let x: Array3<f64> = random((12, 2, 3), 1.0, &mut rng);
        let dh_last: Array2<f64> = random((2, 6), 1.0, &mut rng);
        assert_eq!(
            gradient_by_distance(&fast_rnn, x.view(), dh_last.view()),
            gradient_by_distance(&readable_rnn, x.view(), dh_last.view()),
            "{fast:?}"
        );
    }
}
