//! The gradient-check problems of this section, as library code so that
//! the tests assert them and the book prints their results.

use layers::Dense;
use layers::dense::DenseGrads;
use ndarray::{Array2, Array3, ArrayView3};
use rand::SeedableRng;
use rand::rngs::StdRng;

use gradcheck::{Checkable, EPS, GradReport, check_gradients};
use numeric::Init;
use numeric::random::random;

use crate::{RnnGrads, VanillaRnn};

// ANCHOR: problem
/// L = Σ_t Σ (h_t ⊙ R_t) + Σ_t Σ (y_t ⊙ S_t) with fixed random R and S, so
/// that every state and every output y_t = W_hy h_t + b_y reaches the loss.
pub struct Problem {
    pub rnn: VanillaRnn<f64>,
    /// The output layer: `w` is W_hy (O, H), `b` is b_y (O).
    pub output: Dense<f64>,
    pub x: Array3<f64>,
    pub h0: Array2<f64>,
    pub r: Array3<f64>,
    pub s: Array3<f64>,
}

numeric::params! { Problem as f64 { x, h0 } nested { rnn } prefixed { output } }

impl Checkable for Problem {
    fn loss(&self) -> f64 {
        let trace = self.rnn.forward(self.x.view(), Some(self.h0.view()));
        let y = outputs(&self.output, trace.states());
        (&trace.states() * &self.r).sum() + (&y * &self.s).sum()
    }
}

/// y_t = W_hy h_t + b_y at every step: states (T, B, H) → outputs (T, B, O).
pub fn outputs(output: &Dense<f64>, states: ArrayView3<f64>) -> Array3<f64> {
    let (steps, batch, hidden) = states.dim();
    let rows = states.to_shape((steps * batch, hidden)).expect("(T·B, H)");
    let y = output.forward(rows.view());
    let o = y.ncols();
    y.into_shape_with_order((steps, batch, o))
        .expect("(T, B, O)")
}
// ANCHOR_END: problem

impl Problem {
    /// Batch 3, input 4, hidden 5, output 2, `steps` steps, non-zero h_0.
    pub fn new(steps: usize, seed: u64) -> Self {
        let (batch, input, hidden, output) = (3, 4, 5, 2);
        let mut rng = StdRng::seed_from_u64(seed);
        Problem {
            rnn: VanillaRnn::new(input, hidden, Init::PyTorch, &mut rng),
            output: Dense::new(hidden, output, Init::PyTorch, &mut rng),
            x: random((steps, batch, input), 1.0, &mut rng),
            h0: random((batch, hidden), 0.5, &mut rng),
            r: random((steps, batch, hidden), 1.0, &mut rng),
            s: random((steps, batch, output), 1.0, &mut rng),
        }
    }

    /// The backward pass's gradients for this problem: the output layer's
    /// (named `output.w`, `output.b`), then the layer's, given everything
    /// that reaches each h_t from outside it: R_t directly, and S_t through y_t.
    pub fn analytic(&self) -> (RnnGrads<f64>, DenseGrads<f64>) {
        let trace = self.rnn.forward(self.x.view(), Some(self.h0.view()));
        let (steps, batch, hidden) = trace.states().dim();
        let rows = |a: ArrayView3<f64>| {
            a.to_shape((a.dim().0 * a.dim().1, a.dim().2))
                .expect("rows")
                .to_owned()
        };
        let out = self
            .output
            .backward(rows(trace.states()).view(), rows(self.s.view()).view());
        let dh = &self.r + &out.h.to_shape((steps, batch, hidden)).expect("(T, B, H)");
        (self.rnn.backward(self.x.view(), &trace, dh.view()), out)
    }

    /// Check the gradients against central differences.
    pub fn check(
        &mut self,
        (rnn, output): &(RnnGrads<f64>, DenseGrads<f64>),
    ) -> GradReport {
        let mut named = numeric::params::to_named(rnn);
        named.push(("output.w".to_owned(), output.w.clone().into_dyn()));
        named.push(("output.b".to_owned(), output.b.clone().into_dyn()));
        check_gradients(self, &named, EPS)
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
