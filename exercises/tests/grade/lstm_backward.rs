//! Grades exercises/src/lstm_backward.rs: shapes, agreement with the
//! chapter's own `step_backward`, accumulation, then finite differences.

use exercises::lstm_backward::step_backward;
use gradcheck::Checkable;
use lstm::Lstm;
use ndarray::Array2;
use numeric::Init;
use numeric::random::random;

use crate::check::{
    assert_adds_into, assert_close, assert_gradients, assert_named_close,
    assert_shapes_of_params, rng,
};

/// A random step: the cell (D = 4, H = 5), x_t (3, 4), h_{t-1} and C_{t-1}
/// (3, 5), h̄_t and γ_t (3, 5).
struct Step {
    cell: Lstm<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    c_prev: Array2<f64>,
    dh_t: Array2<f64>,
    dc_t: Array2<f64>,
}

fn step(seed: u64) -> Step {
    let mut rng = rng(seed);
    Step {
        cell: Lstm::new(4, 5, Init::PyTorch, &mut rng).with_forget_bias(1.0),
        x_t: random((3, 4), 1.0, &mut rng),
        h_prev: random((3, 5), 0.5, &mut rng),
        c_prev: random((3, 5), 1.0, &mut rng),
        dh_t: random((3, 5), 1.0, &mut rng),
        dc_t: random((3, 5), 1.0, &mut rng),
    }
}

/// Runs the learner's `step_backward` on `s`, adding into `grads`.
fn run(s: &Step, grads: &mut Lstm<f64>) -> (Array2<f64>, Array2<f64>, Array2<f64>) {
    let forward = s.cell.step(s.x_t.view(), s.h_prev.view(), s.c_prev.view());
    step_backward(
        &s.cell,
        s.x_t.view(),
        s.h_prev.view(),
        s.c_prev.view(),
        &forward,
        s.dh_t.view(),
        s.dc_t.view(),
        grads,
    )
}

/// The learner's results: gradients (starting from zero), dx_t, dh_prev, dc_prev.
fn yours(s: &Step) -> (Lstm<f64>, Array2<f64>, Array2<f64>, Array2<f64>) {
    let mut grads = numeric::params::zeros_like(&s.cell);
    let (dx, dh, dc) = run(s, &mut grads);
    (grads, dx, dh, dc)
}

/// Every parameter gradient of `yours` against `expected`, by name.
#[test]
fn check_1_the_results_have_the_right_shapes() {
    let s = step(1);
    let (grads, dx, dh, dc) = yours(&s);
    assert_eq!(dx.dim(), (3, 4), "dx_t should be (B, D) = (3, 4)");
    assert_eq!(dh.dim(), (3, 5), "dh_prev should be (B, H) = (3, 5)");
    assert_eq!(dc.dim(), (3, 5), "dc_prev should be (B, H) = (3, 5)");
    assert_shapes_of_params(&grads, &s.cell);
}

#[test]
fn check_2_agrees_with_the_chapter_on_random_inputs() {
    for seed in 2..5 {
        let s = step(seed);
        let (grads, dx, dh, dc) = yours(&s);
        let forward = s.cell.step(s.x_t.view(), s.h_prev.view(), s.c_prev.view());
        let mut expected = numeric::params::zeros_like(&s.cell);
        let (ex, eh, ec) = s.cell.step_backward(
            s.x_t.view(),
            s.h_prev.view(),
            s.c_prev.view(),
            &forward,
            s.dh_t.view(),
            s.dc_t.view(),
            &mut expected,
        );
        assert_close("dx_t", &dx, &ex, 1e-9);
        assert_close("dh_prev (what goes back to h_{t-1})", &dh, &eh, 1e-9);
        assert_close("dc_prev (what goes back to C_{t-1})", &dc, &ec, 1e-9);
        assert_named_close(&grads, &expected, "");
    }
}

#[test]
fn check_3_adds_into_the_gradients_instead_of_overwriting() {
    let s = step(5);
    let (fresh, _, _, _) = yours(&s);
    let zeros = numeric::params::zeros_like(&s.cell);
    assert_adds_into(&zeros, &fresh, |grads| {
        run(&s, grads);
    });
}

/// L = Σ (h_t ⊙ R) + Σ (C_t ⊙ S): its gradient with respect to h_t is R,
/// and S reaches C_t from outside the step besides the path through h_t.
struct OneStep {
    cell: Lstm<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    c_prev: Array2<f64>,
    r: Array2<f64>,
    s: Array2<f64>,
}

numeric::params! { OneStep as f64 { x_t, h_prev, c_prev } nested { cell } }

impl Checkable for OneStep {
    fn loss(&self) -> f64 {
        let step = self
            .cell
            .step(self.x_t.view(), self.h_prev.view(), self.c_prev.view());
        (step.h * &self.r).sum() + (step.c * &self.s).sum()
    }
}

/// The learner's gradients under the names of [`OneStep`]'s tensors.
struct OneStepGrads {
    cell: Lstm<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    c_prev: Array2<f64>,
}

numeric::params! { OneStepGrads as f64 { x_t, h_prev, c_prev } nested { cell } }

#[test]
fn check_4_agrees_with_finite_differences() {
    let s = step(6);
    let (grads, dx, dh, dc) = yours(&s);
    let mut problem = OneStep {
        cell: s.cell,
        x_t: s.x_t,
        h_prev: s.h_prev,
        c_prev: s.c_prev,
        r: s.dh_t,
        s: s.dc_t,
    };
    let analytic = OneStepGrads {
        cell: grads,
        x_t: dx,
        h_prev: dh,
        c_prev: dc,
    };
    assert_gradients(&mut problem, &analytic);
}
