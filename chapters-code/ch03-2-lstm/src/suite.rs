//! The LSTM's gradient-check problems, as library code so that the tests
//! assert them and the book prints their results.

use gradcheck::check::{Checkable, GradReport, check_gradients};
use gradcheck::suite::EPS;
use ndarray::{Array2, Array3};
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::{Lstm, LstmGrads};

// ANCHOR: problem
/// L = Σ_t Σ (h_t ⊙ R_t) + Σ (C_T ⊙ R_c): every hidden state and the last cell state matter.
pub struct Problem {
    pub lstm: Lstm<f64>,
    pub x: Array3<f64>,
    pub h0: Array2<f64>,
    pub c0: Array2<f64>,
    pub r: Array3<f64>,
    pub r_c: Array2<f64>,
}

numeric::params! { Problem as f64 { x, h0, c0 } nested { lstm } }

impl Checkable for Problem {
    fn loss(&self) -> f64 {
        let trace =
            self.lstm
                .forward(self.x.view(), Some(self.h0.view()), Some(self.c0.view()));
        (&trace.states() * &self.r).sum() + (&trace.last_c() * &self.r_c).sum()
    }
}
// ANCHOR_END: problem

impl Problem {
    /// Batch 3, input 4, hidden 5, `steps` steps, non-zero h_0 and C_0, forget bias 1.
    pub fn new(steps: usize, seed: u64) -> Self {
        let (batch, input, hidden) = (3, 4, 5);
        let mut rng = StdRng::seed_from_u64(seed);
        Problem {
            lstm: Lstm::new(input, hidden, Init::PyTorch, &mut rng).with_forget_bias(1.0),
            x: random((steps, batch, input), 1.0, &mut rng),
            h0: random((batch, hidden), 0.5, &mut rng),
            c0: random((batch, hidden), 0.5, &mut rng),
            r: random((steps, batch, hidden), 1.0, &mut rng),
            r_c: random((batch, hidden), 1.0, &mut rng),
        }
    }

    /// The backward pass's gradients for this problem.
    pub fn analytic(&self) -> LstmGrads<f64> {
        let trace =
            self.lstm
                .forward(self.x.view(), Some(self.h0.view()), Some(self.c0.view()));
        self.lstm
            .backward(self.x.view(), &trace, self.r.view(), Some(self.r_c.view()))
    }

    /// Check `grads` against central differences.
    pub fn check(&mut self, grads: &LstmGrads<f64>) -> GradReport {
        check_gradients(self, grads, EPS)
    }
}

/// Every check of the section: (case, report).
pub fn reports() -> Vec<(String, GradReport)> {
    [(1, 21), (12, 22)]
        .into_iter()
        .map(|(steps, seed)| {
            let mut problem = Problem::new(steps, seed);
            let grads = problem.analytic();
            (format!("LSTM, T = {steps}"), problem.check(&grads))
        })
        .collect()
}
