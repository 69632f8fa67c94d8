//! Beam search against greedy decoding, measured: for each beam width, the
//! share of strings answered exactly, the mean log-probability of the
//! answers found, and how each wrong answer went wrong.
//!
//! A wrong answer ŷ is one of three kinds:
//!
//! * *unfinished*: the search stopped at its step limit (the source's
//!   length + 2) before the best hypothesis wrote EOS, so ŷ is a prefix
//!   and has no complete log-probability;
//!
//! and, for a finished ŷ, told apart by comparing its log-probability with
//! that of the right answer y (computed by teacher forcing, [`log_prob_of`]):
//!
//! * a *search error*: log p(y | x) > log p(ŷ | x). The model prefers the
//!   right answer; the search did not find it. A wider beam can fix this.
//! * a *model error*: log p(ŷ | x) ≥ log p(y | x). The model itself prefers
//!   a wrong answer to the right one, so a perfect search would not return
//!   the right one either.

use ndarray::Array2;
use numeric::Scalar;

use crate::beam::{Hypothesis, beam_search, log_softmax_rows};
use crate::model::{Seq2Seq, decoder_inputs};
use crate::task::{one_hot, target_of};

/// What one beam width (and one length normalisation α) measured on a set of strings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BeamPoint {
    pub width: usize,
    /// The exponent of the length normalisation log p / |y|^α.
    pub alpha: f64,
    /// Share of strings whose best answer is their reversal.
    pub exact_match: f64,
    /// Mean of log p(ŷ | x) over the strings whose answer ŷ is finished.
    pub mean_log_prob: f64,
    /// Share of strings whose best hypothesis had not written EOS at the step limit.
    pub unfinished: f64,
    /// Share of strings answered wrongly (finished) although the right answer is more likely.
    pub search_errors: f64,
    /// Share of strings answered wrongly (finished) by an answer at least as likely as the right one.
    pub model_errors: f64,
}

// ANCHOR: log_prob_of
/// log p(y | x) = Σ_t log p(y_t | y_<t, x) of the answer `answer` (EOS
/// included) for the source string `source`, by teacher forcing: the
/// decoder reads GO, y_1, …, y_{n−1} and is scored on y_1, …, y_n.
pub fn log_prob_of<F: Scalar>(
    model: &Seq2Seq<F>,
    source: &[usize],
    answer: &[usize],
) -> f64 {
    let column =
        |tokens: &[usize]| Array2::from_shape_fn((tokens.len(), 1), |(t, _)| tokens[t]);
    let target = column(answer);
    let enc = model
        .encoder
        .forward(one_hot::<F>(&column(source)).view(), None, None);
    let dec = model.decoder.forward(
        one_hot::<F>(&decoder_inputs(&target)).view(),
        Some(enc.last_h()),
        Some(enc.last_c()),
    );
    (0..answer.len())
        .map(|t| {
            let scores = model
                .dense
                .forward(dec.states().slice(ndarray::s![t, .., ..]));
            log_softmax_rows(scores.view())[[0, answer[t]]]
        })
        .sum()
}
// ANCHOR_END: log_prob_of

/// The tokens of a hypothesis as an answer: its digits, then EOS if it wrote one.
fn answer_of(hyp: &Hypothesis) -> Vec<usize> {
    let mut tokens = hyp.tokens.clone();
    if hyp.finished {
        tokens.push(crate::task::EOS);
    }
    tokens
}

/// The beam widths of one model, measured on one set of strings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BeamEvaluation {
    /// Strings decoded.
    pub strings: usize,
    /// Mean over the strings of log p(y | x) for the right answers y.
    pub right_mean_log_prob: f64,
    pub points: Vec<BeamPoint>,
}

/// Decode every string of `strings` with each width of `widths` and each
/// α of `alphas`, at most `len + 2` steps, and measure each (width, α).
pub fn evaluate_beams<F: Scalar>(
    model: &Seq2Seq<F>,
    strings: &[Vec<usize>],
    widths: &[usize],
    alphas: &[f64],
) -> BeamEvaluation {
    assert!(!strings.is_empty(), "evaluate_beams: no strings to decode");
    let right: Vec<f64> = strings
        .iter()
        .map(|s| log_prob_of(model, s, &target_of(s)))
        .collect();
    let mut points = Vec::new();
    for &width in widths {
        for &alpha in alphas {
            let mut count = Kinds::default();
            let mut log_sum = 0.0;
            for (source, &log_p_right) in strings.iter().zip(&right) {
                let best = &beam_search(model, source, width, source.len() + 2, alpha)[0];
                if best.finished {
                    log_sum += best.log_prob;
                }
                count.add(best, source, log_p_right);
            }
            let n = strings.len() as f64;
            let finished = strings.len() - count.unfinished;
            points.push(BeamPoint {
                width,
                alpha,
                exact_match: count.exact as f64 / n,
                mean_log_prob: log_sum / finished.max(1) as f64,
                unfinished: count.unfinished as f64 / n,
                search_errors: count.search as f64 / n,
                model_errors: count.model as f64 / n,
            });
        }
    }
    BeamEvaluation {
        strings: strings.len(),
        right_mean_log_prob: right.iter().sum::<f64>() / strings.len() as f64,
        points,
    }
}

/// How many answers fell into each kind.
#[derive(Default)]
struct Kinds {
    exact: usize,
    unfinished: usize,
    search: usize,
    model: usize,
}

impl Kinds {
    /// Count `best`, the answer to `source`, whose right answer has log-probability `log_p_right`.
    fn add(&mut self, best: &Hypothesis, source: &[usize], log_p_right: f64) {
        if !best.finished {
            self.unfinished += 1;
        } else if answer_of(best) == target_of(source) {
            self.exact += 1;
        } else if log_p_right > best.log_prob {
            self.search += 1;
        } else {
            self.model += 1;
        }
    }
}
