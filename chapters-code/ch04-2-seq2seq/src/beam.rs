//! Beam search: decode one source string by keeping the `width` most likely
//! partial answers instead of greedy decoding's one.
//!
//! A hypothesis y_1 … y_n has log-probability log p(y) = Σ_t log p(y_t | y_<t, x).
//! At every step each of the `width` partial hypotheses is extended by every
//! token of the vocabulary; the extensions are ranked by log p, those ending
//! in EOS are finished, and the best `width` others carry on. The search stops
//! when `width` hypotheses have finished or `max_steps` steps have been taken.
//!
//! The answers are ranked by the length-normalised score
//! log p(y) / |y|^α (|y| counts EOS when written): α = 0 ranks by log p alone,
//! which favours short answers; α = 1 ranks by the mean log-probability per
//! token. (Wu et al., 2016, use ((5 + |y|)/6)^α instead; we keep the plain
//! power.) The normalisation is used only for the final ranking, not for
//! pruning during the search.

use ndarray::{Array2, ArrayView2, Axis};
use numeric::Scalar;

use crate::model::Seq2Seq;
use crate::task::{EOS, GO, VOCAB, one_hot};

/// One answer of the beam search.
#[derive(Debug, Clone, PartialEq)]
pub struct Hypothesis {
    /// The tokens written, without EOS.
    pub tokens: Vec<usize>,
    /// Σ_t log p(y_t | y_<t, x) over the tokens written, and over EOS if finished.
    pub log_prob: f64,
    /// Did the decoder write EOS?
    pub finished: bool,
}

impl Hypothesis {
    /// |y|: the number of tokens written, EOS included when finished.
    pub fn steps(&self) -> usize {
        self.tokens.len() + usize::from(self.finished)
    }

    /// The ranking score log p(y) / max(|y|, 1)^α (α = 0: plain log p).
    pub fn score(&self, alpha: f64) -> f64 {
        self.log_prob / (self.steps().max(1) as f64).powf(alpha)
    }
}

/// log softmax of every row of `scores` (K, V), computed stably:
/// log p_v = z_v − (m + log Σ_u e^{z_u − m}) with m = max_u z_u. Returns (K, V) in f64.
pub fn log_softmax_rows<F: Scalar>(scores: ArrayView2<F>) -> Array2<f64> {
    let mut out = scores.mapv(|z| z.to_f64_lossless());
    for mut row in out.axis_iter_mut(Axis(0)) {
        let max = row.fold(f64::NEG_INFINITY, |m, &z| m.max(z));
        let log_sum = max + row.mapv(|z| (z - max).exp()).sum().ln();
        row.mapv_inplace(|z| z - log_sum);
    }
    out
}

/// The live beam: K partial hypotheses and their decoder states (K, H).
struct Beam<F> {
    hyps: Vec<Hypothesis>,
    h: Array2<F>,
    c: Array2<F>,
}

/// One extension: hypothesis `parent` of the beam followed by `token`.
struct Candidate {
    log_prob: f64,
    parent: usize,
    token: usize,
}

/// One decoder step on the whole beam: the ranked extensions and the new states (K, H).
struct Expansion<F> {
    candidates: Vec<Candidate>,
    h: Array2<F>,
    c: Array2<F>,
}

// ANCHOR: beam_search
/// Beam search for ONE source string `source` (T_in digits): the best
/// hypotheses, at most `width`, best first by [`Hypothesis::score`] with `alpha`.
///
/// Unfinished hypotheses appear only if `max_steps` was reached before
/// `width` hypotheses finished. Width 1 is greedy decoding.
pub fn beam_search<F: Scalar>(
    model: &Seq2Seq<F>,
    source: &[usize],
    width: usize,
    max_steps: usize,
    alpha: f64,
) -> Vec<Hypothesis> {
    assert!(width > 0, "beam_search: the width must be at least 1");
    assert!(
        !source.is_empty(),
        "beam_search: the source string is empty"
    );
    let mut beam = start(model, source);
    let mut finished = Vec::new();
    for _ in 0..max_steps {
        let expansion = expand(model, &beam);
        beam = select(&beam, expansion, width, &mut finished);
        if finished.len() >= width || beam.hyps.is_empty() {
            break;
        }
    }
    let mut answers = finished;
    if answers.len() < width {
        answers.extend(beam.hyps);
    }
    answers.sort_by(|a, b| b.score(alpha).total_cmp(&a.score(alpha)));
    answers.truncate(width);
    answers
}
// ANCHOR_END: beam_search

/// Encode `source` (T_in): one empty hypothesis with the encoder's last (h, C), (1, H).
fn start<F: Scalar>(model: &Seq2Seq<F>, source: &[usize]) -> Beam<F> {
    let tokens = Array2::from_shape_fn((source.len(), 1), |(t, _)| source[t]);
    let enc = model
        .encoder
        .forward(one_hot::<F>(&tokens).view(), None, None);
    let empty = Hypothesis {
        tokens: Vec::new(),
        log_prob: 0.0,
        finished: false,
    };
    Beam {
        hyps: vec![empty],
        h: enc.last_h().to_owned(),
        c: enc.last_c().to_owned(),
    }
}

/// The last token each hypothesis wrote (GO before the first), as one-hot rows (K, VOCAB).
fn previous_tokens<F: Scalar>(hyps: &[Hypothesis]) -> Array2<F> {
    let input = Array2::from_shape_fn((1, hyps.len()), |(_, k)| {
        *hyps[k].tokens.last().unwrap_or(&GO)
    });
    one_hot::<F>(&input).index_axis_move(Axis(0), 0)
}

/// Run the decoder one step on all K hypotheses as one batch, and score
/// all K · VOCAB extensions, best first (ties: lower parent, then lower token).
fn expand<F: Scalar>(model: &Seq2Seq<F>, beam: &Beam<F>) -> Expansion<F> {
    let x = previous_tokens::<F>(&beam.hyps);
    let step = model.decoder.step(x.view(), beam.h.view(), beam.c.view());
    let log_p = log_softmax_rows(model.dense.forward(step.h.view()).view());
    let mut candidates = Vec::with_capacity(beam.hyps.len() * VOCAB);
    for (parent, hyp) in beam.hyps.iter().enumerate() {
        for token in 0..VOCAB {
            let log_prob = hyp.log_prob + log_p[[parent, token]];
            candidates.push(Candidate {
                log_prob,
                parent,
                token,
            });
        }
    }
    // A stable sort keeps the (parent, token) order among equal log-probabilities.
    candidates.sort_by(|a, b| b.log_prob.total_cmp(&a.log_prob));
    Expansion {
        candidates,
        h: step.h,
        c: step.c,
    }
}

/// Walk the ranked candidates until `width` unfinished ones are kept; those
/// ending in EOS on the way are moved to `finished` (up to `width` in all).
fn select<F: Scalar>(
    beam: &Beam<F>,
    expansion: Expansion<F>,
    width: usize,
    finished: &mut Vec<Hypothesis>,
) -> Beam<F> {
    let mut hyps = Vec::with_capacity(width);
    let mut parents = Vec::with_capacity(width);
    for cand in expansion.candidates {
        if hyps.len() == width || finished.len() == width {
            break;
        }
        let mut hyp = beam.hyps[cand.parent].clone();
        hyp.log_prob = cand.log_prob;
        if cand.token == EOS {
            hyp.finished = true;
            finished.push(hyp);
        } else {
            hyp.tokens.push(cand.token);
            hyps.push(hyp);
            parents.push(cand.parent);
        }
    }
    Beam {
        hyps,
        h: expansion.h.select(Axis(0), &parents),
        c: expansion.c.select(Axis(0), &parents),
    }
}
