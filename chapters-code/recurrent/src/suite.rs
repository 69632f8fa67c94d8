//! The gradient checks of the stacked, bidirectional and dropout layers, for
//! the tests and for the table of Appendix A: L = Σ_t Σ (y_t ⊙ R_t) with a
//! fixed random R, every parameter of every layer and the input x checked.

use gradcheck::{Checkable, EPS, GradReport, check_gradients};
use ndarray::{Array2, Array3};
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::dropout::{drop_steps, mask};
use crate::{Bidirectional, CellKind, Recurrent, Stacked};

/// A two-layer stack (an LSTM under a GRU) on x (T, B, D).
pub struct StackProblem {
    pub stack: Stacked<f64>,
    pub x: Array3<f64>,
    pub r: Array3<f64>,
}

numeric::params! { StackProblem as f64 { x } nested { stack } }

impl Checkable for StackProblem {
    fn loss(&self) -> f64 {
        (&self.stack.forward(self.x.view()).0 * &self.r).sum()
    }
}

/// A bidirectional layer (an LSTM forward, a GRU backward) on x (T, B, D).
pub struct BidirectionalProblem {
    pub layer: Bidirectional<f64>,
    pub x: Array3<f64>,
    pub r: Array3<f64>,
}

numeric::params! { BidirectionalProblem as f64 { x } nested { layer } }

impl Checkable for BidirectionalProblem {
    fn loss(&self) -> f64 {
        (&self.layer.forward(self.x.view()).0 * &self.r).sum()
    }
}

/// A bidirectional layer of fast LSTMs under all three dropouts, with
/// fixed masks (p = 0.5): input (B, D), recurrent (B, H) per direction,
/// output (B, 2H) on every step's y_t.
pub struct DropoutProblem {
    pub layer: Bidirectional<f64>,
    pub x: Array3<f64>,
    pub r: Array3<f64>,
    pub m_x: Array2<f64>,
    pub m_f: Array2<f64>,
    pub m_b: Array2<f64>,
    pub m_y: Array2<f64>,
}

numeric::params! { DropoutProblem as f64 { x } nested { layer } }

impl DropoutProblem {
    /// y ⊙ m_y, the layer's output under the three masks, and its trace's inputs.
    fn forward(
        &self,
    ) -> (
        Array3<f64>,
        Array3<f64>,
        crate::bidirectional::BidirectionalTrace<f64>,
    ) {
        let x_dropped = drop_steps(self.x.view(), self.m_x.view());
        let masks = Some((self.m_f.view(), self.m_b.view()));
        let (y, trace) = self.layer.forward_masked(x_dropped.view(), masks);
        (drop_steps(y.view(), self.m_y.view()), x_dropped, trace)
    }
}

impl Checkable for DropoutProblem {
    fn loss(&self) -> f64 {
        (&self.forward().0 * &self.r).sum()
    }
}

/// T = 5, B = 2, D = 3, hidden sizes 4 and 3.
pub fn stack_problem(seed: u64) -> StackProblem {
    let mut rng = StdRng::seed_from_u64(seed);
    let stack = Stacked::new(vec![
        Recurrent::new(CellKind::Lstm, 3, 4, &mut rng),
        Recurrent::new(CellKind::Gru, 4, 3, &mut rng),
    ]);
    StackProblem {
        stack,
        x: random((5, 2, 3), 1.0, &mut rng),
        r: random((5, 2, 3), 1.0, &mut rng),
    }
}

/// T = 5, B = 2, D = 3, hidden sizes 4 (forward) and 3 (backward).
pub fn bidirectional_problem(seed: u64) -> BidirectionalProblem {
    let mut rng = StdRng::seed_from_u64(seed);
    let layer = Bidirectional {
        fwd: Recurrent::new(CellKind::Lstm, 3, 4, &mut rng),
        bwd: Recurrent::new(CellKind::Gru, 3, 3, &mut rng),
    };
    BidirectionalProblem {
        layer,
        x: random((5, 2, 3), 1.0, &mut rng),
        r: random((5, 2, 7), 1.0, &mut rng),
    }
}

/// T = 5, B = 3, D = 3, hidden size 4 per direction, masks of p = 0.5.
pub fn dropout_problem(seed: u64) -> DropoutProblem {
    let mut rng = StdRng::seed_from_u64(seed);
    let layer = Bidirectional {
        fwd: Recurrent::new(CellKind::LstmFast, 3, 4, &mut rng),
        bwd: Recurrent::new(CellKind::LstmFast, 3, 4, &mut rng),
    };
    DropoutProblem {
        layer,
        x: random((5, 3, 3), 1.0, &mut rng),
        r: random((5, 3, 8), 1.0, &mut rng),
        m_x: mask((3, 3), 0.5, &mut rng),
        m_f: mask((3, 4), 0.5, &mut rng),
        m_b: mask((3, 4), 0.5, &mut rng),
        m_y: mask((3, 8), 0.5, &mut rng),
    }
}

/// The dropout check: the three masks' backward passes and the layer's.
pub fn dropout_report(p: &mut DropoutProblem) -> GradReport {
    let (_, x_dropped, trace) = p.forward();
    let dy = &p.r * &p.m_y;
    let masks = Some((p.m_f.view(), p.m_b.view()));
    let (params, dx_dropped) =
        p.layer
            .backward_masked(x_dropped.view(), &trace, dy.view(), masks);
    let mut named = numeric::params::to_named(&params);
    named.push(("x".to_owned(), (dx_dropped * &p.m_x).into_dyn()));
    check_gradients(p, &named, EPS)
}

/// The stack's check: its backward pass against central differences.
pub fn stack_report(p: &mut StackProblem) -> GradReport {
    let (_, trace) = p.stack.forward(p.x.view());
    let (params, x) = p.stack.backward(&trace, p.r.view());
    let mut named = numeric::params::to_named(&params);
    named.push(("x".to_owned(), x.into_dyn()));
    check_gradients(p, &named, EPS)
}

/// The bidirectional layer's check.
pub fn bidirectional_report(p: &mut BidirectionalProblem) -> GradReport {
    let (_, trace) = p.layer.forward(p.x.view());
    let (params, x) = p.layer.backward(p.x.view(), &trace, p.r.view());
    let mut named = numeric::params::to_named(&params);
    named.push(("x".to_owned(), x.into_dyn()));
    check_gradients(p, &named, EPS)
}

/// The three checks, for Appendix A.
pub fn reports() -> Vec<(String, GradReport)> {
    vec![
        (
            "stacked: LSTM under GRU, T = 5".to_owned(),
            stack_report(&mut stack_problem(71)),
        ),
        (
            "bidirectional: LSTM forward, GRU backward, T = 5".to_owned(),
            bidirectional_report(&mut bidirectional_problem(72)),
        ),
        (
            "dropout: input, recurrent and output masks (p = 0.5) on a bidirectional fast LSTM, T = 5".to_owned(),
            dropout_report(&mut dropout_problem(73)),
        ),
    ]
}
