//! The GRU's parameter count, step and the memory behaviour the figure shows.

use gru::cell::parameter_count_formula;
use gru::figures::memory_gru;
use gru::pytorch::pytorch_parameter_count;
use gru::{Gru, GruForm};
use lstm::figures::{WRITES, memory_input};
use ndarray::{Array3, Axis};
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;

#[test]
fn parameter_count_matches_the_formula() {
    let mut rng = StdRng::seed_from_u64(1);
    for form in [GruForm::ResetBefore, GruForm::ResetAfter] {
        for (d, h) in [(1, 1), (4, 5), (100, 100)] {
            let gru = Gru::<f32>::new(d, h, form, Init::Keras, &mut rng);
            assert_eq!(gru.parameter_count(), parameter_count_formula(d, h, form));
        }
    }
    let packed = Gru::<f32>::new(4, 5, GruForm::ResetAfter, Init::PyTorch, &mut rng)
        .to_pytorch()
        .unwrap();
    assert_eq!(
        numeric::params::count(&packed),
        pytorch_parameter_count(4, 5)
    );
    // The page's figures for D = H = 100.
    assert_eq!(
        parameter_count_formula(100, 100, GruForm::ResetBefore),
        60_300
    );
    assert_eq!(pytorch_parameter_count(100, 100), 60_600);
}

#[test]
fn forward_repeats_the_step() {
    let mut rng = StdRng::seed_from_u64(2);
    for form in [GruForm::ResetBefore, GruForm::ResetAfter] {
        let gru = Gru::<f64>::new(3, 4, form, Init::PyTorch, &mut rng);
        let x: Array3<f64> = random((6, 2, 3), 1.0, &mut rng);
        let trace = gru.forward(x.view(), None);
        let mut h = trace.h.index_axis(Axis(0), 0).to_owned();
        for t in 0..6 {
            let step = gru.step(x.index_axis(Axis(0), t), h.view());
            assert_eq!(step.z, trace.z.index_axis(Axis(0), t));
            assert_eq!(step.hn.is_some(), form == GruForm::ResetAfter);
            h = step.h;
            assert_eq!(h, trace.h.index_axis(Axis(0), t + 1));
        }
    }
}

#[test]
fn the_memory_gru_holds_the_last_written_value() {
    let x = memory_input(5);
    let trace = memory_gru().forward(x.view(), None);
    for t in WRITES[0]..x.len_of(Axis(0)) {
        let w = *WRITES
            .iter()
            .rev()
            .find(|&&w| w <= t)
            .expect("a write before t");
        let expected = (2.0 * x[[w, 0, 0]]).tanh();
        let h = trace.h[[t + 1, 0, 0]];
        assert!(
            (h - expected).abs() < 0.01,
            "step {t}: h = {h}, expected {expected}"
        );
    }
}
