//! The fast LSTM computes what the readable LSTM of chapter 3 computes: the
//! same states and the same gradients, to 1e-12 in f64, on random inputs.

use fast_rnn::parallel::{FastLayer, backward_split, forward_split};
use fast_rnn::{FastGru, FastLstm, FastRnn};
use gru::{Gru, GruForm, GruGrads};
use lstm::{Lstm, LstmGrads};
use ndarray::{Array2, Array3, ArrayD};
use numeric::Init;
use numeric::Params;
use numeric::params::to_named;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;
use vanilla_rnn::{RnnGrads, VanillaRnn};

/// Every tensor of two sets of gradients, matched by name, agrees to
/// 1e-12; `context` says which case failed. Returns how many were compared.
fn assert_agree(context: &str, slow: &impl Params<f64>, fast: &impl Params<f64>) -> usize {
    let (slow, fast) = (to_named(slow), to_named(fast));
    let names =
        |v: &[(String, ArrayD<f64>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&slow), names(&fast), "{context}: the same tensors");
    for ((name, a), (_, b)) in slow.iter().zip(&fast) {
        let d = max_diff(&a.view(), &b.view());
        assert!(d < 1e-12, "{context}: {name} differs by {d:e}");
    }
    assert!(!slow.is_empty(), "{context}: nothing compared");
    slow.len()
}

fn max_diff(a: &ndarray::ArrayViewD<f64>, b: &ndarray::ArrayViewD<f64>) -> f64 {
    assert_eq!(a.shape(), b.shape());
    a.iter()
        .zip(b.iter())
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

#[test]
fn packing_round_trips() {
    let lstm = Lstm::<f64>::new(5, 7, Init::PyTorch, &mut StdRng::seed_from_u64(1));
    assert_eq!(FastLstm::from_lstm(&lstm).to_lstm(), lstm);
}

#[test]
fn fast_lstm_agrees_with_the_readable_lstm() {
    for (seed, steps, batch, input, hidden) in CASES {
        let mut rng = StdRng::seed_from_u64(seed);
        let lstm =
            Lstm::<f64>::new(input, hidden, Init::PyTorch, &mut rng).with_forget_bias(1.0);
        let fast = FastLstm::from_lstm(&lstm);
        let x: Array3<f64> = random((steps, batch, input), 1.0, &mut rng);
        let h0: Array2<f64> = random((batch, hidden), 0.5, &mut rng);
        let c0: Array2<f64> = random((batch, hidden), 0.5, &mut rng);
        let dh: Array3<f64> = random((steps, batch, hidden), 1.0, &mut rng);
        let dc: Array2<f64> = random((batch, hidden), 1.0, &mut rng);

        let slow_trace = lstm.forward(x.view(), Some(h0.view()), Some(c0.view()));
        let fast_trace = fast.forward(x.view(), Some(h0.view()), Some(c0.view()));
        let h_fast = fast_trace
            .h
            .view()
            .into_shape_with_order((steps + 1, batch, hidden))
            .unwrap();
        let c_fast = fast_trace
            .c
            .view()
            .into_shape_with_order((steps + 1, batch, hidden))
            .unwrap();
        assert!(max_diff(&slow_trace.h.view().into_dyn(), &h_fast.into_dyn()) < 1e-12);
        assert!(max_diff(&slow_trace.c.view().into_dyn(), &c_fast.into_dyn()) < 1e-12);

        let slow = lstm.backward(x.view(), &slow_trace, dh.view(), Some(dc.view()));
        let fast_grads = fast.backward(x.view(), &fast_trace, dh.view(), Some(dc.view()));
        let unpacked = LstmGrads {
            params: fast_grads.params.to_lstm(),
            x: fast_grads.x,
            h0: fast_grads.h0,
            c0: fast_grads.c0,
        };
        assert_agree(&format!("LSTM, T = {steps}"), &slow, &unpacked);
    }
}

/// Split over 1, 2, 3, 7 and 16 threads, a layer gives the states and
/// gradients of the whole batch run on one thread.
fn check_split<L: FastLayer<f64>>(layer: &L, input: usize, hidden: usize, seed: u64) {
    let mut rng = StdRng::seed_from_u64(seed);
    let (steps, batch) = (9, 7);
    let x: Array3<f64> = random((steps, batch, input), 1.0, &mut rng);
    let dh: Array3<f64> = random((steps, batch, hidden), 1.0, &mut rng);
    let whole = layer.forward_from_zero(x.view());
    let (whole_grads, whole_dx) = layer.backward_from_zero(x.view(), &whole, dh.view());
    let expected = L::states_of(&whole)
        .slice(ndarray::s![batch.., ..])
        .to_shape((steps, batch, hidden))
        .unwrap()
        .to_owned();
    for threads in [1, 2, 3, 7, 16] {
        let split = forward_split(layer, x.view(), threads);
        let states = split.states::<f64, L>();
        let d = max_diff(&states.view().into_dyn(), &expected.view().into_dyn());
        assert!(d < 1e-12, "{threads} threads: states differ by {d:e}");
        let (grads, dx) = backward_split(layer, x.view(), &split, dh.view());
        let d = max_diff(&dx.view().into_dyn(), &whole_dx.view().into_dyn());
        assert!(d < 1e-12, "{threads} threads: dL/dx differs by {d:e}");
        assert_agree(&format!("{threads} threads"), &grads, &whole_grads);
    }
}

#[test]
fn splitting_the_batch_over_threads_changes_nothing() {
    let mut rng = StdRng::seed_from_u64(9);
    let lstm = Lstm::<f64>::new(6, 8, Init::PyTorch, &mut rng);
    check_split(&FastLstm::from_lstm(&lstm), 6, 8, 10);
    let gru = Gru::<f64>::new(6, 8, GruForm::ResetAfter, Init::PyTorch, &mut rng);
    check_split(&FastGru::from_gru(&gru), 6, 8, 11);
    let rnn = VanillaRnn::<f64>::new(6, 8, Init::PyTorch, &mut rng);
    check_split(&FastRnn::from_rnn(&rnn), 6, 8, 12);
}

/// The shapes every agreement test runs: (seed, T, B, D, H).
const CASES: [(u64, usize, usize, usize, usize); 3] =
    [(2, 1, 1, 3, 4), (3, 13, 5, 6, 7), (4, 50, 4, 10, 16)];

#[test]
fn gru_packing_round_trips() {
    let mut rng = StdRng::seed_from_u64(5);
    let gru = Gru::<f64>::new(5, 7, GruForm::ResetAfter, Init::PyTorch, &mut rng);
    assert_eq!(FastGru::from_gru(&gru).to_gru(), gru);
    let rnn = VanillaRnn::<f64>::new(5, 7, Init::PyTorch, &mut rng);
    assert_eq!(FastRnn::from_rnn(&rnn).to_rnn(), rnn);
}

#[test]
fn fast_gru_agrees_with_the_readable_gru() {
    for (seed, steps, batch, input, hidden) in CASES {
        let mut rng = StdRng::seed_from_u64(seed);
        let gru =
            Gru::<f64>::new(input, hidden, GruForm::ResetAfter, Init::PyTorch, &mut rng);
        let fast = FastGru::from_gru(&gru);
        let x: Array3<f64> = random((steps, batch, input), 1.0, &mut rng);
        let h0: Array2<f64> = random((batch, hidden), 0.5, &mut rng);
        let dh: Array3<f64> = random((steps, batch, hidden), 1.0, &mut rng);

        let slow_trace = gru.forward(x.view(), Some(h0.view()));
        let fast_trace = fast.forward(x.view(), Some(h0.view()));
        let h_fast = fast_trace.h.to_shape((steps + 1, batch, hidden)).unwrap();
        let d = max_diff(&slow_trace.h.view().into_dyn(), &h_fast.view().into_dyn());
        assert!(d < 1e-12, "T = {steps}: states differ by {d:e}");

        let slow = gru.backward(x.view(), &slow_trace, dh.view());
        let fast_grads = fast.backward(x.view(), &fast_trace, dh.view());
        let unpacked = GruGrads {
            params: fast_grads.params.to_gru(),
            x: fast_grads.x,
            h0: fast_grads.h0,
        };
        let compared = assert_agree(&format!("GRU, T = {steps}"), &slow, &unpacked);
        assert_eq!(compared, 12, "nine matrices and biases, b_hn, x and h0");
    }
}

#[test]
fn fast_rnn_agrees_with_the_readable_rnn() {
    for (seed, steps, batch, input, hidden) in CASES {
        let mut rng = StdRng::seed_from_u64(seed);
        let rnn = VanillaRnn::<f64>::new(input, hidden, Init::PyTorch, &mut rng);
        let fast = FastRnn::from_rnn(&rnn);
        let x: Array3<f64> = random((steps, batch, input), 1.0, &mut rng);
        let h0: Array2<f64> = random((batch, hidden), 0.5, &mut rng);
        let dh: Array3<f64> = random((steps, batch, hidden), 1.0, &mut rng);

        let slow_trace = rnn.forward(x.view(), Some(h0.view()));
        let fast_trace = fast.forward(x.view(), Some(h0.view()));
        let h_fast = fast_trace.h.to_shape((steps + 1, batch, hidden)).unwrap();
        let d = max_diff(&slow_trace.h.view().into_dyn(), &h_fast.view().into_dyn());
        assert!(d < 1e-12, "T = {steps}: states differ by {d:e}");

        let slow = rnn.backward(x.view(), &slow_trace, dh.view());
        let fast_grads = fast.backward(x.view(), &fast_trace, dh.view());
        let unpacked = RnnGrads {
            params: fast_grads.params.to_rnn(),
            x: fast_grads.x,
            h0: fast_grads.h0,
        };
        assert_agree(&format!("vanilla, T = {steps}"), &slow, &unpacked);
    }
}
