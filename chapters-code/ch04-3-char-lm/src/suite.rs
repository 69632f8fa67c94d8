//! The gradient check of the character model, for the tests and for the
//! table of Appendix A.

use gradcheck::check::{Checkable, GradReport, check_gradients};
use gradcheck::suite::EPS;
use ndarray::{Array2, array};
use numeric::ParamsMut;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::model::{CharLm, State};

/// L = the mean cross-entropy of one chunk read from a carried state.
pub struct Problem {
    pub model: CharLm<f64>,
    pub inputs: Array2<usize>,
    pub targets: Array2<usize>,
    pub start: State<f64>,
}

numeric::params! { Problem as f64 {} nested { model } }

impl Checkable for Problem {
    fn loss(&self) -> f64 {
        self.model
            .chunk_loss_and_grads(self.inputs.view(), self.targets.view(), &self.start)
            .loss
    }
}

/// A chunk of 4 steps, 2 streams, 5 characters, H = 4, from a non-zero state.
pub fn reports() -> Vec<(String, GradReport)> {
    let mut rng = StdRng::seed_from_u64(7);
    let mut model = CharLm::<f64>::new(5, 4, &mut rng);
    model.visit_mut(&mut |_, mut t| t.mapv_inplace(|v| v * 3.0));
    let mut p = Problem {
        model,
        inputs: array![[1, 2], [3, 0], [4, 4], [2, 1]],
        targets: array![[3, 0], [4, 4], [2, 1], [0, 3]],
        start: State {
            h: random((2, 4), 0.5, &mut rng),
            c: random((2, 4), 0.5, &mut rng),
        },
    };
    let grads = p
        .model
        .chunk_loss_and_grads(p.inputs.view(), p.targets.view(), &p.start);
    let report = check_gradients(&mut p, &grads.named, EPS);
    vec![(
        "character language model (4.3), T = 4 from a carried state".to_owned(),
        report,
    )]
}
