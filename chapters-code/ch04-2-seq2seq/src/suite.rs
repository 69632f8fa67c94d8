//! The gradient check of the encoder–decoder, for the tests and for the
//! table of Appendix A.

use gradcheck::check::{Checkable, GradReport, check_gradients};
use gradcheck::suite::EPS;
use ndarray::Array2;
use numeric::ParamsMut;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::model::Seq2Seq;
use crate::task::{as_matrix, target_of};

/// L = the teacher-forced cross-entropy of one batch.
pub struct Problem {
    pub model: Seq2Seq<f64>,
    pub source: Array2<usize>,
    pub target: Array2<usize>,
}

numeric::params! { Problem as f64 {} nested { model } }

impl Checkable for Problem {
    fn loss(&self) -> f64 {
        self.model.loss_and_grads(&self.source, &self.target).loss
    }
}

/// Two strings of three digits, H = 4, weights scaled up so that every
/// path carries a visible gradient; every one of the 26 tensors checked.
pub fn reports() -> Vec<(String, GradReport)> {
    vec![(
        "seq2seq encoder–decoder (4.2), T = 3 → 4".to_owned(),
        report_with_step(EPS),
    )]
}

/// The check of [`reports`] with the finite-difference step `eps`.
pub fn report_with_step(eps: f64) -> GradReport {
    let mut rng = StdRng::seed_from_u64(3);
    let strings = vec![vec![1, 5, 9], vec![4, 4, 0]];
    let targets: Vec<Vec<usize>> = strings.iter().map(|s| target_of(s)).collect();
    let mut model = Seq2Seq::<f64>::new(4, &mut rng);
    model.visit_mut(&mut |_, mut t| t.mapv_inplace(|v| v * 3.0));
    let mut p = Problem {
        model,
        source: as_matrix(&strings),
        target: as_matrix(&targets),
    };
    let grads = p.model.loss_and_grads(&p.source, &p.target);
    check_gradients(&mut p, &grads.named, eps)
}
