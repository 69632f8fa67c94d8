//! The LSTM's parameter count, step, precision, forget bias and the memory
//! behaviour that the chapter's figure shows.

use lstm::Lstm;
use lstm::cell::parameter_count_formula;
use lstm::figures::{READS, WRITES, memory_cell, memory_input};
use lstm::pytorch::pytorch_parameter_count;
use ndarray::{Array3, Axis};
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;

#[test]
fn parameter_count_matches_the_formula() {
    let mut rng = StdRng::seed_from_u64(1);
    for (d, h) in [(1, 1), (4, 5), (100, 100)] {
        let lstm = Lstm::<f32>::new(d, h, Init::Keras, &mut rng);
        assert_eq!(lstm.parameter_count(), parameter_count_formula(d, h));
        let packed = lstm.to_pytorch();
        let counted = packed.weight_ih_l0.len()
            + packed.weight_hh_l0.len()
            + packed.bias_ih_l0.len()
            + packed.bias_hh_l0.len();
        assert_eq!(counted, pytorch_parameter_count(d, h));
    }
    // The article's model: LSTM(100) on 100-dimensional embeddings.
    assert_eq!(parameter_count_formula(100, 100), 80_400);
}

#[test]
fn forward_repeats_the_step() {
    let mut rng = StdRng::seed_from_u64(2);
    let lstm = Lstm::<f64>::new(3, 4, Init::PyTorch, &mut rng);
    let x: Array3<f64> = random((6, 2, 3), 1.0, &mut rng);
    let trace = lstm.forward(x.view(), None, None);
    let (mut h, mut c) = (
        trace.h.index_axis(Axis(0), 0).to_owned(),
        trace.c.index_axis(Axis(0), 0).to_owned(),
    );
    for t in 0..6 {
        let step = lstm.step(x.index_axis(Axis(0), t), h.view(), c.view());
        assert_eq!(step.i, trace.i.index_axis(Axis(0), t));
        assert_eq!(step.c_tilde, trace.c_tilde.index_axis(Axis(0), t));
        (h, c) = (step.h, step.c);
        assert_eq!(h, trace.h.index_axis(Axis(0), t + 1));
        assert_eq!(c, trace.c.index_axis(Axis(0), t + 1));
    }
}

#[test]
fn forget_bias_sets_every_forget_bias() {
    let lstm = Lstm::<f32>::new(3, 4, Init::PyTorch, &mut StdRng::seed_from_u64(3))
        .with_forget_bias(1.0);
    assert!(lstm.b_f.iter().all(|b| *b == 1.0));
    assert!(lstm.b_i.iter().all(|b| *b != 1.0));
}

#[test]
fn the_memory_cell_stores_on_write_and_shows_on_read() {
    let x = memory_input(5);
    let trace = memory_cell().forward(x.view(), None, None);
    for t in 0..x.len_of(Axis(0)) {
        let h = trace.h[[t + 1, 0, 0]];
        let last_write = WRITES.iter().rev().find(|&&w| w <= t);
        if let (true, Some(&w)) = (READS.contains(&t), last_write) {
            let stored = x[[w, 0, 0]];
            // h = o · tanh(C) with C ≈ tanh(2 · stored), o ≈ 1: the sign and order survive.
            let expected = (2.0 * stored).tanh().tanh();
            assert!(
                (h - expected).abs() < 0.02,
                "step {t}: h = {h}, expected ≈ {expected}"
            );
        } else {
            assert!(
                h.abs() < 0.01,
                "step {t}: the output gate should be shut, h = {h}"
            );
        }
    }
}
