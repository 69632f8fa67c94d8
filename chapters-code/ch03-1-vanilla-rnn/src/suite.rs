//! The gradient-check problems of this section, as library code so that
//! the tests assert them and the book prints their results.

use ndarray::{Array2, Array3, ArrayViewMutD};
use rand::SeedableRng;
use rand::rngs::StdRng;

use gradcheck::{Checkable, EPS, GradReport, check_gradients};
use numeric::Init;
use numeric::random::random;

use crate::{RnnGrads, VanillaRnn};

// ANCHOR: problem
/// L = Σ_t Σ (h_t ⊙ R_t) + Σ_t Σ (y_t ⊙ S_t) with fixed random R and S, so
/// that every state and every output reaches the loss.
pub struct Problem {
    pub rnn: VanillaRnn<f64>,
    pub x: Array3<f64>,
    pub h0: Array2<f64>,
    pub r: Array3<f64>,
    pub s: Array3<f64>,
}

impl Checkable for Problem {
    fn tensors_mut(&mut self) -> Vec<(&'static str, ArrayViewMutD<'_, f64>)> {
        let mut tensors = self.rnn.tensors_mut();
        tensors.push(("x", self.x.view_mut().into_dyn()));
        tensors.push(("h0", self.h0.view_mut().into_dyn()));
        tensors
    }

    fn loss(&self) -> f64 {
        let (y, trace) = self.rnn.forward(self.x.view(), Some(self.h0.view()));
        (&trace.states() * &self.r).sum() + (&y * &self.s).sum()
    }
}
// ANCHOR_END: problem

impl Problem {
    /// Batch 3, input 4, hidden 5, output 2, `steps` steps, non-zero h_0.
    pub fn new(steps: usize, seed: u64) -> Self {
        let (batch, input, hidden, output) = (3, 4, 5, 2);
        let mut rng = StdRng::seed_from_u64(seed);
        Problem {
            rnn: VanillaRnn::new(input, hidden, output, Init::PyTorch, &mut rng),
            x: random((steps, batch, input), 1.0, &mut rng),
            h0: random((batch, hidden), 0.5, &mut rng),
            r: random((steps, batch, hidden), 1.0, &mut rng),
            s: random((steps, batch, output), 1.0, &mut rng),
        }
    }

    /// The backward pass's gradients for this problem.
    pub fn analytic(&self) -> RnnGrads<f64> {
        let (_, trace) = self.rnn.forward(self.x.view(), Some(self.h0.view()));
        self.rnn
            .backward(self.x.view(), &trace, self.r.view(), self.s.view())
    }

    /// Check `grads` against central differences.
    pub fn check(&mut self, grads: &RnnGrads<f64>) -> GradReport {
        check_gradients(self, &grads.tensors(), EPS)
    }
}

/// Every check of the section: (case, report).
pub fn reports() -> Vec<(String, GradReport)> {
    [(1, 11), (12, 12)]
        .into_iter()
        .map(|(steps, seed)| {
            let mut problem = Problem::new(steps, seed);
            let grads = problem.analytic();
            (format!("vanilla RNN, T = {steps}"), problem.check(&grads))
        })
        .collect()
}
