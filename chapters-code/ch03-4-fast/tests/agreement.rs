//! The fast LSTM computes what the readable LSTM of chapter 3 computes: the
//! same states and the same gradients, to 1e-12 in f64, on random inputs.

use fast_rnn::FastLstm;
use lstm::Lstm;
use ndarray::{Array2, Array3};
use rand::SeedableRng;
use rand::rngs::StdRng;
use vanilla_rnn::Init;
use vanilla_rnn::testing::random;

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
    for (seed, steps, batch, input, hidden) in
        [(2, 1, 1, 3, 4), (3, 13, 5, 6, 7), (4, 50, 4, 10, 16)]
    {
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
        let unpacked = FastLstm {
            w_x: fast_grads.w_x.clone(),
            w_h: fast_grads.w_h.clone(),
            b: fast_grads.b.clone(),
        }
        .to_lstm();
        let pairs = slow.params.tensors().into_iter().zip(unpacked.tensors());
        for ((name, a), (_, b)) in pairs {
            let d = max_diff(&a, &b);
            assert!(d < 1e-12, "T = {steps}: {name} differs by {d:e}");
        }
        for (name, a, b) in [
            (
                "x",
                slow.x.view().into_dyn(),
                fast_grads.x.view().into_dyn(),
            ),
            (
                "h0",
                slow.h0.view().into_dyn(),
                fast_grads.h0.view().into_dyn(),
            ),
            (
                "c0",
                slow.c0.view().into_dyn(),
                fast_grads.c0.view().into_dyn(),
            ),
        ] {
            let d = max_diff(&a, &b);
            assert!(d < 1e-12, "T = {steps}: {name} differs by {d:e}");
        }
    }
}

#[test]
fn splitting_the_batch_over_threads_changes_nothing() {
    let mut rng = StdRng::seed_from_u64(9);
    let lstm = Lstm::<f64>::new(6, 8, Init::PyTorch, &mut rng);
    let fast = FastLstm::from_lstm(&lstm);
    let x: Array3<f64> = random((9, 7, 6), 1.0, &mut rng);
    let dh: Array3<f64> = random((9, 7, 8), 1.0, &mut rng);
    let whole = fast.forward(x.view(), None, None);
    let whole_grads = fast.backward(x.view(), &whole, dh.view(), None);
    for threads in [1, 2, 3, 7, 16] {
        let split = fast.forward_split(x.view(), threads);
        let states = split.states();
        let expected = whole
            .h
            .slice(ndarray::s![7.., ..])
            .to_shape((9, 7, 8))
            .unwrap()
            .to_owned();
        assert!(
            max_diff(&states.view().into_dyn(), &expected.view().into_dyn()) < 1e-12,
            "{threads} threads"
        );
        let grads = fast.backward_split(x.view(), &split, dh.view());
        for (name, a, b) in [
            (
                "w_x",
                grads.w_x.view().into_dyn(),
                whole_grads.w_x.view().into_dyn(),
            ),
            (
                "w_h",
                grads.w_h.view().into_dyn(),
                whole_grads.w_h.view().into_dyn(),
            ),
            (
                "b",
                grads.b.view().into_dyn(),
                whole_grads.b.view().into_dyn(),
            ),
            (
                "x",
                grads.x.view().into_dyn(),
                whole_grads.x.view().into_dyn(),
            ),
        ] {
            assert!(max_diff(&a, &b) < 1e-12, "{threads} threads: {name}");
        }
    }
}
