//! The gradient checks of the encoder–decoder, without and with attention,
//! for the tests and for the table of Appendix A.

use gradcheck::check::{Checkable, GradReport, check_gradients};
use gradcheck::suite::EPS;
use ndarray::Array2;
use numeric::ParamsMut;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::attention::AttentionSeq2Seq;
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
/// Then the model with attention ([`attention_problem`]), every one of its 30 tensors.
pub fn reports() -> Vec<(String, GradReport)> {
    vec![
        (
            "seq2seq encoder–decoder (4.2), T = 3 → 4".to_owned(),
            report_with_step(EPS),
        ),
        (
            "seq2seq with attention (4.2), T = 4 → 5, H = 5, A = 4".to_owned(),
            check_attention(&mut attention_problem(), EPS, |_| {}),
        ),
    ]
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

/// L = the teacher-forced cross-entropy of one batch, with attention.
pub struct AttentionProblem {
    pub model: AttentionSeq2Seq<f64>,
    pub source: Array2<usize>,
    pub target: Array2<usize>,
}

numeric::params! { AttentionProblem as f64 {} nested { model } }

impl Checkable for AttentionProblem {
    fn loss(&self) -> f64 {
        self.model.forward(&self.source, &self.target).0
    }
}

/// B = 2 strings of T_in = 4 digits, answers of T_out = 5 tokens (the
/// reversal and EOS), H = 5, A = 4. The weights are scaled up (tripled, the
/// attention's six-fold) so that every path carries a visible gradient and
/// the attention weights are far from uniform.
pub fn attention_problem() -> AttentionProblem {
    let mut rng = StdRng::seed_from_u64(7);
    let strings = vec![vec![3, 1, 4, 1], vec![5, 9, 2, 6]];
    let targets: Vec<Vec<usize>> = strings.iter().map(|s| target_of(s)).collect();
    let mut model = AttentionSeq2Seq::<f64>::new(5, 4, &mut rng);
    model.visit_mut(&mut |name, mut t| {
        let scale = if name.starts_with("attention.") {
            6.0
        } else {
            3.0
        };
        t.mapv_inplace(|v| v * scale)
    });
    AttentionProblem {
        model,
        source: as_matrix(&strings),
        target: as_matrix(&targets),
    }
}

/// The check of every tensor of `p` with step `eps`, after `corrupt` has
/// changed the analytic gradients (or not).
pub fn check_attention(
    p: &mut AttentionProblem,
    eps: f64,
    corrupt: impl FnOnce(&mut Vec<(String, ndarray::ArrayD<f64>)>),
) -> GradReport {
    let mut grads = p.model.loss_and_grads(&p.source, &p.target);
    assert_eq!(grads.loss, p.loss(), "the same loss forward and backward");
    corrupt(&mut grads.named);
    check_gradients(p, &grads.named, eps)
}
