//! One step's derivative, `step_backward`, in both forms: the same numbers
//! as `backward` on a sequence of one step, and right against finite
//! differences on its own.

use gradcheck::suite::assert_reports;
use gradcheck::{Checkable, EPS, check_gradients};
use gru::{Gru, GruForm};
use ndarray::{Array2, Array3, Axis};
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;

const FORMS: [GruForm; 2] = [GruForm::ResetBefore, GruForm::ResetAfter];

#[test]
fn step_backward_is_backward_on_one_step() {
    for form in FORMS {
        let mut rng = StdRng::seed_from_u64(41);
        let gru = Gru::<f64>::new(4, 5, form, Init::PyTorch, &mut rng);
        let x: Array3<f64> = random((1, 3, 4), 1.0, &mut rng);
        let h0: Array2<f64> = random((3, 5), 0.8, &mut rng);
        let dh: Array3<f64> = random((1, 3, 5), 1.0, &mut rng);
        let trace = gru.forward(x.view(), Some(h0.view()));
        let whole = gru.backward(x.view(), &trace, dh.view());

        let x_1 = x.index_axis(Axis(0), 0);
        let step = gru.step(x_1, h0.view());
        assert_eq!(step, trace.step(0));
        let mut params = numeric::params::zeros_like(&gru);
        let (dx_1, dh_0) = gru.step_backward(
            x_1,
            h0.view(),
            &step,
            dh.index_axis(Axis(0), 0),
            &mut params,
        );
        assert_eq!(params, whole.params, "{form:?}");
        assert_eq!(dx_1, whole.x.index_axis(Axis(0), 0), "{form:?}");
        assert_eq!(dh_0, whole.h0, "{form:?}");
    }
}

/// L = Σ (h_t ⊙ R) for one step h_t = step(x_t, h_{t-1}).
struct OneStep {
    gru: Gru<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    r: Array2<f64>,
}

numeric::params! { OneStep as f64 { x_t, h_prev } nested { gru } }

impl Checkable for OneStep {
    fn loss(&self) -> f64 {
        (self.gru.step(self.x_t.view(), self.h_prev.view()).h * &self.r).sum()
    }
}

/// `step_backward`'s results, under the names of [`OneStep`]'s tensors.
struct OneStepGrads {
    gru: Gru<f64>,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
}

numeric::params! { OneStepGrads as f64 { x_t, h_prev } nested { gru } }

#[test]
fn gradcheck_step_backward_alone_both_forms() {
    let reports = FORMS
        .into_iter()
        .map(|form| {
            let mut rng = StdRng::seed_from_u64(42);
            let mut problem = OneStep {
                gru: Gru::new(4, 5, form, Init::PyTorch, &mut rng),
                x_t: random((3, 4), 1.0, &mut rng),
                h_prev: random((3, 5), 0.8, &mut rng),
                r: random((3, 5), 1.0, &mut rng),
            };
            let step = problem.gru.step(problem.x_t.view(), problem.h_prev.view());
            let mut grads = numeric::params::zeros_like(&problem.gru);
            // dL/dh_t = R.
            let (x_t, h_prev) = problem.gru.step_backward(
                problem.x_t.view(),
                problem.h_prev.view(),
                &step,
                problem.r.view(),
                &mut grads,
            );
            let analytic = OneStepGrads {
                gru: grads,
                x_t,
                h_prev,
            };
            let report = check_gradients(&mut problem, &analytic, EPS);
            (format!("GRU {form:?}, step_backward"), report)
        })
        .collect::<Vec<_>>();
    assert_reports(&reports, 2);
}

#[test]
#[should_panic(
    expected = "Gru::step_backward: the step and the gradients must be of the layer's form"
)]
fn step_backward_refuses_gradients_of_the_other_form() {
    let mut rng = StdRng::seed_from_u64(43);
    let gru = Gru::<f64>::new(4, 5, GruForm::ResetAfter, Init::PyTorch, &mut rng);
    let (x_t, h_prev): (Array2<f64>, Array2<f64>) =
        (random((3, 4), 1.0, &mut rng), random((3, 5), 0.8, &mut rng));
    let step = gru.step(x_t.view(), h_prev.view());
    let mut wrong = numeric::params::zeros_like(&gru);
    wrong.b_hn = None; // the article's form
    let _ = gru.step_backward(x_t.view(), h_prev.view(), &step, h_prev.view(), &mut wrong);
}
