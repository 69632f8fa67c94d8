//! One step's derivative, `step_backward`: the same numbers as `backward` on
//! a sequence of one step, and right against finite differences on its own.

use gradcheck::suite::assert_reports;
use gradcheck::{Checkable, EPS, check_gradients};
use lstm::Lstm;
use ndarray::{Array2, Array3, Axis};
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;

#[test]
fn step_backward_is_backward_on_one_step() {
    let mut rng = StdRng::seed_from_u64(41);
    let lstm = Lstm::<f64>::new(4, 5, Init::PyTorch, &mut rng).with_forget_bias(1.0);
    let x: Array3<f64> = random((1, 3, 4), 1.0, &mut rng);
    let h0: Array2<f64> = random((3, 5), 0.5, &mut rng);
    let c0: Array2<f64> = random((3, 5), 0.5, &mut rng);
    let dh: Array3<f64> = random((1, 3, 5), 1.0, &mut rng);
    let dc: Array2<f64> = random((3, 5), 1.0, &mut rng);
    let trace = lstm.forward(x.view(), Some(h0.view()), Some(c0.view()));
    let whole = lstm.backward(x.view(), &trace, dh.view(), Some(dc.view()));

    let x_1 = x.index_axis(Axis(0), 0);
    let step = lstm.step(x_1, h0.view(), c0.view());
    assert_eq!(step, trace.step(0));
    let mut params = numeric::params::zeros_like(&lstm);
    let (dx_1, dh_0, dc_0) = lstm.step_backward(
        x_1,
        h0.view(),
        c0.view(),
        &step,
        dh.index_axis(Axis(0), 0),
        dc.view(),
        &mut params,
    );
    assert_eq!(params, whole.params);
    assert_eq!(dx_1, whole.x.index_axis(Axis(0), 0));
    assert_eq!(dh_0, whole.h0);
    assert_eq!(dc_0, whole.c0);
}

/// L = Σ (h_t ⊙ R) + Σ (C_t ⊙ R_c) for one step (h_t, C_t) = step(x_t, h_{t-1}, C_{t-1}).
struct OneStep {
    lstm: Lstm<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    c_prev: Array2<f64>,
    r: Array2<f64>,
    r_c: Array2<f64>,
}

numeric::params! { OneStep as f64 { x_t, h_prev, c_prev } nested { lstm } }

impl Checkable for OneStep {
    fn loss(&self) -> f64 {
        let step = self
            .lstm
            .step(self.x_t.view(), self.h_prev.view(), self.c_prev.view());
        (step.h * &self.r).sum() + (step.c * &self.r_c).sum()
    }
}

/// `step_backward`'s results, under the names of [`OneStep`]'s tensors.
struct OneStepGrads {
    lstm: Lstm<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    c_prev: Array2<f64>,
}

numeric::params! { OneStepGrads as f64 { x_t, h_prev, c_prev } nested { lstm } }

#[test]
fn gradcheck_step_backward_alone() {
    let mut rng = StdRng::seed_from_u64(42);
    let mut problem = OneStep {
        lstm: Lstm::new(4, 5, Init::PyTorch, &mut rng).with_forget_bias(1.0),
        x_t: random((3, 4), 1.0, &mut rng),
        h_prev: random((3, 5), 0.5, &mut rng),
        c_prev: random((3, 5), 0.5, &mut rng),
        r: random((3, 5), 1.0, &mut rng),
        r_c: random((3, 5), 1.0, &mut rng),
    };
    let step = problem.lstm.step(
        problem.x_t.view(),
        problem.h_prev.view(),
        problem.c_prev.view(),
    );
    let mut grads = numeric::params::zeros_like(&problem.lstm);
    // dL/dh_t = R, and dL/dC_t = R_c besides the path through h_t.
    let (x_t, h_prev, c_prev) = problem.lstm.step_backward(
        problem.x_t.view(),
        problem.h_prev.view(),
        problem.c_prev.view(),
        &step,
        problem.r.view(),
        problem.r_c.view(),
        &mut grads,
    );
    let analytic = OneStepGrads {
        lstm: grads,
        x_t,
        h_prev,
        c_prev,
    };
    let report = check_gradients(&mut problem, &analytic, EPS);
    assert_reports(&[("LSTM, step_backward".to_owned(), report)], 1);
}
