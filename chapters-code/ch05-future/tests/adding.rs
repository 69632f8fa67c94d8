//! The minGRU regressor of chapter 5's adding experiment: its gradients by
//! finite differences, and a short training run that must beat always
//! answering 1.

use faq_experiments::adding::adding_batch;
use faq_experiments::q2_adding::AddingSweep;
use faq_experiments::train::AddingModel;
use future::adding::{MinGruRegressor, run_all, schedules};
use gradcheck::{Checkable, EPS, GradReport, assert_reports, check_gradients};
use ndarray::{Array1, Array3};
use rand::SeedableRng;
use rand::rngs::StdRng;

/// The regressor's mean squared error on one fixed batch.
struct Problem {
    model: MinGruRegressor<f64>,
    x: Array3<f64>,
    y: Array1<f64>,
}

numeric::params! { Problem as f64 {} nested { model } }

impl Checkable for Problem {
    fn loss(&self) -> f64 {
        let z = self.model.answers(self.x.view());
        (&z - &self.y)
            .mapv(|d| d * d)
            .mean()
            .expect("a non-empty batch")
    }
}

#[test]
fn gradcheck_min_gru_regressor_on_the_adding_problem() {
    let mut rng = StdRng::seed_from_u64(61);
    let batch = adding_batch::<f64>(9, 4, &mut rng);
    let mut problem = Problem {
        model: MinGruRegressor::new(5, &mut rng),
        x: batch.x,
        y: batch.y,
    };
    let grads = problem
        .model
        .loss_and_grads(problem.x.view(), problem.y.view());
    assert!((grads.loss - problem.loss()).abs() < 1e-12);
    let report: GradReport = check_gradients(&mut problem, &grads.named, EPS);
    assert_reports(&[("minGRU regressor, T = 9".to_owned(), report)], 1);
}

#[test]
fn a_short_min_gru_run_beats_always_answering_one() {
    let sweep = AddingSweep {
        lengths: vec![10],
        seeds: vec![3],
        iterations: 600,
        eval_every: 300,
        test_size: 300,
        cells: Vec::new(),
        ..AddingSweep::full(3)
    };
    assert_eq!(schedules(&sweep).len(), 1);
    let runs = run_all(&sweep, 1, false);
    let outcome = &runs[0].outcome;
    assert!(!outcome.diverged);
    assert!(
        outcome.final_test_mse < 0.5 * outcome.baseline_test_mse,
        "test MSE {} against {} for always 1",
        outcome.final_test_mse,
        outcome.baseline_test_mse
    );
}
