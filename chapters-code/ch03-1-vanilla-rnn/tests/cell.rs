//! The vanilla layer's shapes, parameter count, precision and step.

use layers::Dense;
use ndarray::{Array3, Axis, s};
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;
use vanilla_rnn::VanillaRnn;
use vanilla_rnn::cell::parameter_count_formula;

#[test]
fn parameter_count_matches_the_formula() {
    let mut rng = StdRng::seed_from_u64(1);
    for (d, h, o) in [(1, 1, 1), (4, 5, 2), (100, 100, 1)] {
        let rnn = VanillaRnn::<f32>::new(d, h, Init::PyTorch, &mut rng);
        let output = Dense::<f32>::new(h, o, Init::PyTorch, &mut rng);
        assert_eq!(
            rnn.parameter_count() + numeric::params::count(&output),
            parameter_count_formula(d, h, o)
        );
    }
    assert_eq!(parameter_count_formula(100, 100, 1), 20_201);
}

#[test]
fn forward_repeats_the_step_and_starts_from_zero() {
    let mut rng = StdRng::seed_from_u64(2);
    let rnn = VanillaRnn::<f64>::new(3, 4, Init::Keras, &mut rng);
    let x: Array3<f64> = random((5, 2, 3), 1.0, &mut rng);
    let trace = rnn.forward(x.view(), None);
    assert!(trace.h.index_axis(Axis(0), 0).iter().all(|v| *v == 0.0));
    let mut h = trace.h.index_axis(Axis(0), 0).to_owned();
    for t in 0..5 {
        h = rnn.step(x.index_axis(Axis(0), t), h.view());
        assert_eq!(h, trace.h.index_axis(Axis(0), t + 1));
    }
    assert_eq!(trace.last(), trace.h.slice(s![5, .., ..]));
}

#[test]
fn f32_and_f64_agree_to_f32_precision() {
    let mut rng = StdRng::seed_from_u64(3);
    let rnn64 = VanillaRnn::<f64>::new(6, 8, Init::PyTorch, &mut rng);
    let rnn32: VanillaRnn<f32> = rnn64.cast();
    let x64: Array3<f64> = random((20, 4, 6), 1.0, &mut rng);
    let x32 = x64.mapv(|v| v as f32);
    let y64 = rnn64.forward(x64.view(), None).h;
    let y32 = rnn32.forward(x32.view(), None).h;
    let worst = y64
        .iter()
        .zip(y32.iter())
        .map(|(a, b)| (a - f64::from(*b)).abs())
        .fold(0.0, f64::max);
    assert!(worst < 1e-5, "f32 differs from f64 by {worst}");
    assert!(worst > 0.0, "the f32 path must really compute in f32");
}

#[test]
#[should_panic(expected = "x has shape (5, 2, 7) (T, B, D) but the cell's input size is 6")]
fn a_wrong_input_size_panics_naming_the_shapes() {
    let rnn = VanillaRnn::<f32>::new(6, 8, Init::PyTorch, &mut StdRng::seed_from_u64(4));
    let x = Array3::<f32>::zeros((5, 2, 7));
    let _ = rnn.forward(x.view(), None);
}

/// The claims of section 3.1's figure, as the page states them: over 60
/// steps the gradient loses about 19 orders of magnitude at gain 0.5, about
/// 5 at 0.9, about 3 at 1, almost 2 at 1.1, and grows about 35 times at 1.5.
#[test]
fn gradient_norms_vanish_up_to_gain_1_1_and_grow_at_1_5() {
    use vanilla_rnn::figures::gradient_norms;
    let steps = 60;
    let ratio = |gain| {
        let norms = gradient_norms(gain, steps, 42);
        norms[0] / norms[steps] // distance 60 against distance 0
    };
    for (gain, low, high) in [
        (0.5, 1e-20, 1e-18),
        (0.9, 1e-6, 1e-4),
        (1.0, 1e-4, 1e-2),
        (1.1, 1e-2, 1e-1),
        (1.5, 20.0, 50.0),
    ] {
        let r = ratio(gain);
        assert!(
            low < r && r < high,
            "gain {gain}: {r:e} is not in ({low:e}, {high:e})"
        );
    }
}
