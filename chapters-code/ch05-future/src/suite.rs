//! The gradient checks of chapter 5's minGRU, alone and inside the
//! adding-problem model, for the tests and for the table of Appendix A.

use adding_problem::train::AddingModel;
use gradcheck::{Checkable, EPS, GradReport, check_gradients};
use ndarray::{Array1, Array2, Array3};
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::adding::MinGruRegressor;
use crate::{MinGru, MinGruGrads};

/// L = Σ_t Σ (h_t ⊙ R_t), from a non-zero h_0.
pub struct Problem {
    pub min_gru: MinGru<f64>,
    pub x: Array3<f64>,
    pub h0: Array2<f64>,
    pub r: Array3<f64>,
}

numeric::params! { Problem as f64 { x, h0 } nested { min_gru } }

impl Checkable for Problem {
    fn loss(&self) -> f64 {
        let trace = self
            .min_gru
            .forward_sequential(self.x.view(), Some(self.h0.view()));
        (&trace.states() * &self.r).sum()
    }
}

impl Problem {
    /// Batch 3, input 4, hidden 5, `steps` steps.
    pub fn new(steps: usize, seed: u64) -> Self {
        let (batch, input, hidden) = (3, 4, 5);
        let mut rng = StdRng::seed_from_u64(seed);
        Problem {
            min_gru: MinGru::new(input, hidden, Init::PyTorch, &mut rng),
            x: random((steps, batch, input), 1.0, &mut rng),
            h0: random((batch, hidden), 0.8, &mut rng),
            r: random((steps, batch, hidden), 1.0, &mut rng),
        }
    }

    /// The backward pass's gradients, from the trace of the scan forward.
    pub fn analytic(&self) -> MinGruGrads<f64> {
        let trace = self
            .min_gru
            .forward_scan(self.x.view(), Some(self.h0.view()), 2);
        self.min_gru.backward(self.x.view(), &trace, self.r.view())
    }

    pub fn check(&mut self, grads: &MinGruGrads<f64>) -> GradReport {
        check_gradients(self, grads, EPS)
    }
}

/// The layer at T = 1 and T = 7, every parameter, x and h_0.
pub fn min_gru_reports() -> Vec<(String, GradReport)> {
    [(1, 51), (7, 52)]
        .into_iter()
        .map(|(steps, seed)| {
            let mut problem = Problem::new(steps, seed);
            let grads = problem.analytic();
            (format!("minGRU (5), T = {steps}"), problem.check(&grads))
        })
        .collect()
}

/// The adding-problem model's mean squared error on one fixed batch.
pub struct RegressorProblem {
    pub model: MinGruRegressor<f64>,
    pub x: Array3<f64>,
    pub y: Array1<f64>,
}

numeric::params! { RegressorProblem as f64 {} nested { model } }

impl Checkable for RegressorProblem {
    fn loss(&self) -> f64 {
        let z = self.model.answers(self.x.view());
        (&z - &self.y)
            .mapv(|d| d * d)
            .mean()
            .expect("a non-empty batch")
    }
}

/// The minGRU regressor on 4 sequences of the adding problem, T = 9, H = 5.
pub fn regressor_report() -> GradReport {
    let mut rng = StdRng::seed_from_u64(61);
    let batch = adding_problem::batch::adding_batch::<f64>(9, 4, &mut rng);
    let mut problem = RegressorProblem {
        model: MinGruRegressor::new(5, &mut rng),
        x: batch.x,
        y: batch.y,
    };
    let grads = problem
        .model
        .loss_and_grads(problem.x.view(), problem.y.view());
    assert!(
        (grads.loss - problem.loss()).abs() < 1e-12,
        "the same loss forward and backward"
    );
    check_gradients(&mut problem, &grads.named, EPS)
}

/// Every check of the chapter.
pub fn reports() -> Vec<(String, GradReport)> {
    let mut all = min_gru_reports();
    all.push((
        "minGRU regressor, adding problem (5), T = 9".to_owned(),
        regressor_report(),
    ));
    all
}
