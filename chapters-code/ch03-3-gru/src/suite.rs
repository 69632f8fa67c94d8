//! The GRU's gradient-check problems (both forms), as library code so that
//! the tests assert them and the book prints their results.

use gradcheck::check::{Checkable, GradReport, check_gradients};
use gradcheck::suite::EPS;
use ndarray::{Array2, Array3};
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::{Gru, GruForm, GruGrads};

// ANCHOR: problem
/// L = Σ_t Σ (h_t ⊙ R_t), from a non-zero h_0: from h_0 = 0 the reset gate
/// multiplies zero at the first step, and a mix-up of the forms can go unseen.
pub struct Problem {
    pub gru: Gru<f64>,
    pub x: Array3<f64>,
    pub h0: Array2<f64>,
    pub r: Array3<f64>,
}

numeric::params! { Problem as f64 { x, h0 } nested { gru } }

impl Checkable for Problem {
    fn loss(&self) -> f64 {
        let trace = self.gru.forward(self.x.view(), Some(self.h0.view()));
        (&trace.states() * &self.r).sum()
    }
}
// ANCHOR_END: problem

impl Problem {
    /// Batch 3, input 4, hidden 5, `steps` steps, in `form`.
    pub fn new(form: GruForm, steps: usize, seed: u64) -> Self {
        let (batch, input, hidden) = (3, 4, 5);
        let mut rng = StdRng::seed_from_u64(seed);
        Problem {
            gru: Gru::new(input, hidden, form, Init::PyTorch, &mut rng),
            x: random((steps, batch, input), 1.0, &mut rng),
            h0: random((batch, hidden), 0.8, &mut rng),
            r: random((steps, batch, hidden), 1.0, &mut rng),
        }
    }

    /// The backward pass's gradients for this problem.
    pub fn analytic(&self) -> GruGrads<f64> {
        let trace = self.gru.forward(self.x.view(), Some(self.h0.view()));
        self.gru.backward(self.x.view(), &trace, self.r.view())
    }

    /// Check `grads` against central differences.
    pub fn check(&mut self, grads: &GruGrads<f64>) -> GradReport {
        check_gradients(self, grads, EPS)
    }
}

/// Every check of the section, both forms: (case, report).
pub fn reports() -> Vec<(String, GradReport)> {
    let cases = [
        (GruForm::ResetBefore, 1, 31),
        (GruForm::ResetBefore, 12, 32),
        (GruForm::ResetAfter, 1, 33),
        (GruForm::ResetAfter, 12, 34),
    ];
    cases
        .into_iter()
        .map(|(form, steps, seed)| {
            let mut problem = Problem::new(form, steps, seed);
            let grads = problem.analytic();
            (format!("GRU {form:?}, T = {steps}"), problem.check(&grads))
        })
        .collect()
}
