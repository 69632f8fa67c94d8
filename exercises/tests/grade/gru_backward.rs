//! Grades exercises/src/gru_backward.rs: shapes, the reset-after form's
//! gradient of W_hn, agreement with the chapter's own `step_backward`,
//! accumulation, then finite differences.
//!
//! Every step starts from a non-zero h_{t-1}: from h_{t-1} = 0 the gradient
//! of W_hn vanishes in both forms (section 3.3), and the article's formula
//! for it would pass unnoticed.

use exercises::gru_backward::step_backward;
use gradcheck::Checkable;
use gru::{Gru, GruForm};
use ndarray::Array2;
use numeric::Init;
use numeric::random::random;

use crate::check::{
    assert_adds_into, assert_close, assert_gradients, assert_named_close,
    assert_shapes_of_params, rng,
};

/// A random step: the cell (D = 4, H = 5, reset after), x_t (3, 4), a
/// non-zero h_{t-1} (3, 5) and h̄_t (3, 5).
struct Step {
    cell: Gru<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    dh_t: Array2<f64>,
}

fn step(seed: u64) -> Step {
    let mut rng = rng(seed);
    Step {
        cell: Gru::new(4, 5, GruForm::ResetAfter, Init::PyTorch, &mut rng),
        x_t: random((3, 4), 1.0, &mut rng),
        h_prev: random((3, 5), 0.8, &mut rng),
        dh_t: random((3, 5), 1.0, &mut rng),
    }
}

/// Runs the learner's `step_backward` on `s`, adding into `grads`.
fn run(s: &Step, grads: &mut Gru<f64>) -> (Array2<f64>, Array2<f64>) {
    let forward = s.cell.step(s.x_t.view(), s.h_prev.view());
    step_backward(
        &s.cell,
        s.x_t.view(),
        s.h_prev.view(),
        &forward,
        s.dh_t.view(),
        grads,
    )
}

/// The learner's results: gradients (starting from zero), dx_t, dh_prev.
fn yours(s: &Step) -> (Gru<f64>, Array2<f64>, Array2<f64>) {
    let mut grads = numeric::params::zeros_like(&s.cell);
    let (dx, dh) = run(s, &mut grads);
    (grads, dx, dh)
}

/// The chapter's results on the same step.
fn expected(s: &Step) -> (Gru<f64>, Array2<f64>, Array2<f64>) {
    let forward = s.cell.step(s.x_t.view(), s.h_prev.view());
    let mut grads = numeric::params::zeros_like(&s.cell);
    let (dx, dh) = s.cell.step_backward(
        s.x_t.view(),
        s.h_prev.view(),
        &forward,
        s.dh_t.view(),
        &mut grads,
    );
    (grads, dx, dh)
}

/// Every parameter gradient of `yours` against `expected`, by name.
fn assert_all_close(yours: &Gru<f64>, expected: &Gru<f64>, after: &str) {
    assert!(
        yours.b_hn.is_some(),
        "grads.b_hn should stay `Some`: the gradient of b_hn of the reset-after form"
    );
    assert_named_close(yours, expected, after);
}

#[test]
fn check_1_the_results_have_the_right_shapes() {
    let s = step(1);
    let (grads, dx, dh) = yours(&s);
    assert_eq!(dx.dim(), (3, 4), "dx_t should be (B, D) = (3, 4)");
    assert_eq!(dh.dim(), (3, 5), "dh_prev should be (B, H) = (3, 5)");
    assert!(
        grads.b_hn.is_some(),
        "grads.b_hn should stay `Some`: the gradient of b_hn of the reset-after form"
    );
    assert_shapes_of_params(&grads, &s.cell);
}

#[test]
fn check_2_takes_w_hn_and_b_hn_in_the_reset_after_form() {
    let s = step(2);
    let (grads, _, _) = yours(&s);
    let (want, _, _) = expected(&s);
    // The article's (reset-before) formula, ā^nᵀ (r ⊙ h_{t-1}), for the message.
    let f = s.cell.step(s.x_t.view(), s.h_prev.view());
    let da_n = &s.dh_t * &f.z * &f.n.mapv(|n| 1.0 - n * n);
    let article = da_n.t().dot(&(&f.r * &s.h_prev));
    let off = |a: &Array2<f64>, b: &Array2<f64>| {
        (a - b).iter().fold(0.0, |m: f64, v| m.max(v.abs()))
    };
    assert!(
        off(&grads.w_hn, &article) > 1e-9 || off(&want.w_hn, &article) < 1e-9,
        "grads.w_hn is the article's (reset-before) gradient ā^nᵀ (r_t ⊙ h_{{t-1}}); in the \
         reset-after form W_hn multiplies h_{{t-1}} before the reset, so its gradient is \
         m̄ᵀ h_{{t-1}} with m̄ = ā^n ⊙ r_t"
    );
    assert_close(
        "grads.w_hn (reset after: m̄ᵀ h_{t-1}, m̄ = ā^n ⊙ r_t)",
        &grads.w_hn,
        &want.w_hn,
        1e-9,
    );
    let db_hn = grads.b_hn.as_ref().expect("grads.b_hn should stay `Some`");
    let want_b_hn = want.b_hn.as_ref().expect("the reset-after form");
    assert_close(
        "grads.b_hn (reset after: Σ_batch m̄)",
        db_hn,
        want_b_hn,
        1e-9,
    );
}

#[test]
fn check_3_agrees_with_the_chapter_on_random_inputs() {
    for seed in 3..6 {
        let s = step(seed);
        let (grads, dx, dh) = yours(&s);
        let (want, ex, eh) = expected(&s);
        assert_close("dx_t", &dx, &ex, 1e-9);
        assert_close("dh_prev (what goes back to h_{t-1})", &dh, &eh, 1e-9);
        assert_all_close(&grads, &want, "");
    }
}

#[test]
fn check_4_adds_into_the_gradients_instead_of_overwriting() {
    let s = step(6);
    let (fresh, _, _) = yours(&s);
    let zeros = numeric::params::zeros_like(&s.cell);
    assert!(fresh.b_hn.is_some(), "grads.b_hn should stay `Some`");
    assert_adds_into(&zeros, &fresh, |grads| {
        run(&s, grads);
    });
}

/// L = Σ (h_t ⊙ R): its gradient with respect to h_t is R.
struct OneStep {
    cell: Gru<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    r: Array2<f64>,
}

numeric::params! { OneStep as f64 { x_t, h_prev } nested { cell } }

impl Checkable for OneStep {
    fn loss(&self) -> f64 {
        (self.cell.step(self.x_t.view(), self.h_prev.view()).h * &self.r).sum()
    }
}

/// The learner's gradients under the names of [`OneStep`]'s tensors.
struct OneStepGrads {
    cell: Gru<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
}

numeric::params! { OneStepGrads as f64 { x_t, h_prev } nested { cell } }

#[test]
fn check_5_agrees_with_finite_differences() {
    let s = step(7);
    let (grads, dx, dh) = yours(&s);
    let mut problem = OneStep {
        cell: s.cell,
        x_t: s.x_t,
        h_prev: s.h_prev,
        r: s.dh_t,
    };
    let analytic = OneStepGrads {
        cell: grads,
        x_t: dx,
        h_prev: dh,
    };
    assert_gradients(&mut problem, &analytic);
}
