//! Grades exercises/src/vanilla_backward.rs: shapes, agreement with the
//! chapter's own `step_backward`, accumulation, then finite differences.

use exercises::vanilla_backward::step_backward;
use gradcheck::Checkable;
use ndarray::Array2;
use numeric::Init;
use numeric::random::random;
use vanilla_rnn::VanillaRnn;

use crate::check::{assert_adds_into, assert_close, assert_gradients, rng};

/// A random step: the cell, x_t (3, 4), h_{t-1} (3, 5), h_t and h̄_t.
struct Step {
    cell: VanillaRnn<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    dh_t: Array2<f64>,
}

fn step(seed: u64) -> Step {
    let mut rng = rng(seed);
    Step {
        cell: VanillaRnn::new(4, 5, Init::PyTorch, &mut rng),
        x_t: random((3, 4), 1.0, &mut rng),
        h_prev: random((3, 5), 0.5, &mut rng),
        dh_t: random((3, 5), 1.0, &mut rng),
    }
}

/// The learner's results: gradients (starting from zero), dx_t, dh_prev.
fn yours(s: &Step) -> (VanillaRnn<f64>, Array2<f64>, Array2<f64>) {
    let h_t = s.cell.step(s.x_t.view(), s.h_prev.view());
    let mut grads = numeric::params::zeros_like(&s.cell);
    let (dx, dh) = step_backward(
        &s.cell,
        s.x_t.view(),
        s.h_prev.view(),
        h_t.view(),
        s.dh_t.view(),
        &mut grads,
    );
    (grads, dx, dh)
}

#[test]
fn check_1_the_results_have_the_right_shapes() {
    let (grads, dx, dh) = yours(&step(1));
    assert_eq!(dx.dim(), (3, 4), "dx_t should be (B, D) = (3, 4)");
    assert_eq!(dh.dim(), (3, 5), "dh_prev should be (B, H) = (3, 5)");
    assert_eq!(
        grads.w_xh.dim(),
        (5, 4),
        "grads.w_xh should keep its shape (H, D)"
    );
    assert_eq!(
        grads.w_hh.dim(),
        (5, 5),
        "grads.w_hh should keep its shape (H, H)"
    );
    assert_eq!(grads.b_h.dim(), 5, "grads.b_h should keep its shape (H)");
}

#[test]
fn check_2_agrees_with_the_chapter_on_random_inputs() {
    for seed in 2..5 {
        let s = step(seed);
        let (grads, dx, dh) = yours(&s);
        let h_t = s.cell.step(s.x_t.view(), s.h_prev.view());
        let mut expected = numeric::params::zeros_like(&s.cell);
        let (ex, eh) = s.cell.step_backward(
            s.x_t.view(),
            s.h_prev.view(),
            h_t.view(),
            s.dh_t.view(),
            &mut expected,
        );
        assert_close("dx_t", &dx, &ex, 1e-9);
        assert_close("dh_prev (what goes back to h_{t-1})", &dh, &eh, 1e-9);
        assert_close("grads.w_xh", &grads.w_xh, &expected.w_xh, 1e-9);
        assert_close("grads.w_hh", &grads.w_hh, &expected.w_hh, 1e-9);
        assert_close("grads.b_h", &grads.b_h, &expected.b_h, 1e-9);
    }
}

#[test]
fn check_3_adds_into_the_gradients_instead_of_overwriting() {
    let s = step(5);
    let h_t = s.cell.step(s.x_t.view(), s.h_prev.view());
    let (fresh, _, _) = yours(&s);
    let zeros = numeric::params::zeros_like(&s.cell);
    assert_adds_into(&zeros, &fresh, |grads| {
        step_backward(
            &s.cell,
            s.x_t.view(),
            s.h_prev.view(),
            h_t.view(),
            s.dh_t.view(),
            grads,
        );
    });
}

/// L = Σ (h_t ⊙ R): its gradient with respect to h_t is R.
struct OneStep {
    cell: VanillaRnn<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    r: Array2<f64>,
}

numeric::params! { OneStep as f64 { x_t, h_prev } nested { cell } }

impl Checkable for OneStep {
    fn loss(&self) -> f64 {
        (self.cell.step(self.x_t.view(), self.h_prev.view()) * &self.r).sum()
    }
}

/// The learner's gradients under the names of [`OneStep`]'s tensors.
struct OneStepGrads {
    cell: VanillaRnn<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
}

numeric::params! { OneStepGrads as f64 { x_t, h_prev } nested { cell } }

#[test]
fn check_4_agrees_with_finite_differences() {
    let s = step(6);
    let (cell, x_t, h_prev) = (s.cell.clone(), s.x_t.clone(), s.h_prev.clone());
    let (grads, dx, dh) = yours(&s);
    let mut problem = OneStep {
        cell,
        x_t,
        h_prev,
        r: s.dh_t,
    };
    let analytic = OneStepGrads {
        cell: grads,
        x_t: dx,
        h_prev: dh,
    };
    assert_gradients(&mut problem, &analytic);
}
