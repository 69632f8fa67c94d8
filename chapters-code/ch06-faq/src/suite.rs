//! The gradient checks of the adding-problem model for the three cells, for
//! the tests and for the table of Appendix A.

use gradcheck::check::{Checkable, GradReport, check_gradients};
use gradcheck::suite::EPS;
use ndarray::{Array1, Array3};
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;
use recurrent::CellKind;

use crate::regressor::Regressor;

/// L = the mean squared error of one batch.
pub struct Problem {
    pub model: Regressor<f64>,
    pub x: Array3<f64>,
    pub y: Array1<f64>,
}

numeric::params! { Problem as f64 {} nested { model } }

impl Checkable for Problem {
    fn loss(&self) -> f64 {
        self.model.loss_and_grads(self.x.view(), self.y.view()).loss
    }
}

/// One report per cell: T = 7, B = 3, D = 3, H = 4.
pub fn reports() -> Vec<(String, GradReport)> {
    [CellKind::Rnn, CellKind::Lstm, CellKind::Gru]
        .into_iter()
        .map(|cell| {
            let mut rng = StdRng::seed_from_u64(21);
            let mut p = Problem {
                model: Regressor::new(cell, 3, 4, &mut rng),
                x: random((7, 3, 3), 2.0, &mut rng),
                y: random(3, 1.0, &mut rng),
            };
            let grads = p.model.loss_and_grads(p.x.view(), p.y.view());
            let report = check_gradients(&mut p, &grads.named, EPS);
            let name = cell.name();
            (format!("adding-problem model (6), {name}, T = 7"), report)
        })
        .collect()
}
