//! One step's derivative, `step_backward`: the same numbers as `backward` on
//! a sequence of one step, right against finite differences on its own, and
//! the figure's one-pass gradient norms equal to the backward pass of every
//! suffix that they replace.

use gradcheck::suite::assert_reports;
use gradcheck::{Checkable, EPS, check_gradients};
use ndarray::{Array2, Array3, Axis, s};
use numeric::Init;
use numeric::init::orthogonal;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, Normal};
use vanilla_rnn::figures::{GAINS, gradient_norms};
use vanilla_rnn::{RnnTrace, VanillaRnn};

#[test]
fn step_backward_is_backward_on_one_step() {
    let mut rng = StdRng::seed_from_u64(41);
    let rnn = VanillaRnn::<f64>::new(4, 5, Init::PyTorch, &mut rng);
    let x: Array3<f64> = random((1, 3, 4), 1.0, &mut rng);
    let h0: Array2<f64> = random((3, 5), 0.5, &mut rng);
    let dh: Array3<f64> = random((1, 3, 5), 1.0, &mut rng);
    let whole = rnn.backward(x.view(), &rnn.forward(x.view(), Some(h0.view())), dh.view());

    let x_1 = x.index_axis(Axis(0), 0);
    let h_1 = rnn.step(x_1, h0.view());
    let mut params = numeric::params::zeros_like(&rnn);
    let (dx_1, dh_0) = rnn.step_backward(
        x_1,
        h0.view(),
        h_1.view(),
        dh.index_axis(Axis(0), 0),
        &mut params,
    );
    assert_eq!(params, whole.params);
    assert_eq!(dx_1, whole.x.index_axis(Axis(0), 0));
    assert_eq!(dh_0, whole.h0);
}

/// L = Σ (h_t ⊙ R) for one step h_t = step(x_t, h_{t-1}).
struct OneStep {
    rnn: VanillaRnn<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    r: Array2<f64>,
}

numeric::params! { OneStep as f64 { x_t, h_prev } nested { rnn } }

impl Checkable for OneStep {
    fn loss(&self) -> f64 {
        (self.rnn.step(self.x_t.view(), self.h_prev.view()) * &self.r).sum()
    }
}

/// `step_backward`'s results, under the names of [`OneStep`]'s tensors.
struct OneStepGrads {
    rnn: VanillaRnn<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
}

numeric::params! { OneStepGrads as f64 { x_t, h_prev } nested { rnn } }

#[test]
fn gradcheck_step_backward_alone() {
    let mut rng = StdRng::seed_from_u64(42);
    let mut problem = OneStep {
        rnn: VanillaRnn::new(4, 5, Init::PyTorch, &mut rng),
        x_t: random((3, 4), 1.0, &mut rng),
        h_prev: random((3, 5), 0.5, &mut rng),
        r: random((3, 5), 1.0, &mut rng),
    };
    let h_t = problem.rnn.step(problem.x_t.view(), problem.h_prev.view());
    let mut grads = numeric::params::zeros_like(&problem.rnn);
    // dL/dh_t = R.
    let (x_t, h_prev) = problem.rnn.step_backward(
        problem.x_t.view(),
        problem.h_prev.view(),
        h_t.view(),
        problem.r.view(),
        &mut grads,
    );
    let analytic = OneStepGrads {
        rnn: grads,
        x_t,
        h_prev,
    };
    let report = check_gradients(&mut problem, &analytic, EPS);
    assert_reports(&[("vanilla RNN, step_backward".to_owned(), report)], 1);
}

/// The figure's measurement as it was first written: ∂L/∂h_t is the
/// initial-state gradient of the suffix that starts at h_t, one whole
/// backward pass per t (O(T²)).
fn gradient_norms_by_suffixes(gain: f64, steps: usize, seed: u64) -> Vec<f64> {
    let (input, hidden, batch) = (8, 64, 16);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut rnn = VanillaRnn::<f64>::new(input, hidden, Init::PyTorch, &mut rng);
    // The figure's unused output layer, drawn in the same order as there.
    let _output = layers::Dense::<f64>::new(hidden, 1, Init::PyTorch, &mut rng);
    rnn.w_hh = orthogonal::<f64>(hidden, &mut rng) * gain;
    let noise = Normal::new(0.0, 1.0).expect("unit normal");
    let x = Array3::from_shape_simple_fn((steps, batch, input), || noise.sample(&mut rng));
    let trace = rnn.forward(x.view(), None);
    let mut dh = Array3::zeros((steps, batch, hidden));
    dh.slice_mut(s![steps - 1, .., ..])
        .assign(&Array2::from_shape_simple_fn((batch, hidden), || {
            noise.sample(&mut rng)
        }));
    let mut norms: Vec<f64> = (0..steps)
        .map(|t| {
            let suffix = RnnTrace {
                h: trace.h.slice(s![t.., .., ..]).to_owned(),
            };
            let range = s![t.., .., ..];
            let grads = rnn.backward(x.slice(range), &suffix, dh.slice(range));
            batch_mean_norm(&grads.h0)
        })
        .collect();
    norms.push(batch_mean_norm(
        &dh.index_axis(Axis(0), steps - 1).to_owned(),
    ));
    norms
}

fn batch_mean_norm(g: &Array2<f64>) -> f64 {
    let batch = g.nrows() as f64;
    g.rows().into_iter().map(|r| r.dot(&r).sqrt()).sum::<f64>() / batch
}

#[test]
fn gradient_norms_in_one_pass_equal_the_backward_pass_of_every_suffix() {
    for gain in GAINS {
        for steps in [1, 7, 60] {
            assert_eq!(
                gradient_norms(gain, steps, 42),
                gradient_norms_by_suffixes(gain, steps, 42),
                "gain {gain}, {steps} steps"
            );
        }
    }
}
