//! Chapter 4's final model, "Putting it together": what the book measured
//! and what chapter 2 added, in one classifier,
//!
//! ```text
//! x_t = E[id_t] ⊙ w_t ⊙ m_x                   (embedding, word dropout, variational input dropout)
//! y_t = [→h_t ; ←h_t]                          (bidirectional fast LSTM, recurrent dropout m_h)
//! ȳ   = (1/n) Σ_{t real} y_t                   (mean over the n real steps: a mask;
//!       or max_{t real} y_t, element by element, with `Pool::Max`)
//! p   = σ(w · (ȳ ⊙ m_y) + b)                   (output dropout, one logit)
//! ```
//!
//! Shapes: ids (B, T), x and y time-major (T, B, E) and (T, B, 2H), ȳ (B, 2H).
//! At evaluation every mask is 1 (inverted dropout needs no rescaling).

use std::ops::Range;

use fast_rnn::fastmath::FastMath;
use layers::dense::Dense;
use layers::embedding::{Embedding, EmbeddingGrad};
use layers::loss::bce_with_logits;
use ndarray::{
    Array1, Array2, Array3, ArrayD, ArrayView1, ArrayView2, ArrayView3, Axis, s,
};
use numeric::params::to_named_prefixed;
use numeric::{Init, Scalar};
use rand::Rng;
use recurrent::bidirectional::BidirectionalTrace;
use recurrent::dropout::{Masks, drop_steps, drop_words};
use recurrent::{Bidirectional, CellKind, Recurrent};

/// How the states of the real steps become one vector: `Mean`, their
/// mean; `Max`, their largest value, unit by unit.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
pub enum Pool {
    Mean,
    Max,
}

/// The sizes of the final model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DeepShape {
    pub num_words: usize,
    pub embedding_dim: usize,
    /// Units per direction.
    pub hidden: usize,
    pub pool: Pool,
}

/// Embedding, bidirectional fast LSTM, masked mean, dense output.
#[derive(Debug, Clone, PartialEq)]
pub struct DeepClassifier<F> {
    pub pool: Pool,
    pub embedding: Embedding<F>,
    pub rnn: Bidirectional<F>,
    pub dense: Dense<F>,
}

numeric::params! { DeepClassifier {} prefixed { embedding, rnn, dense } }

/// The pooled states (B, W) and, for the max, the step each came from.
struct Pooled<F> {
    values: Array2<F>,
    argmax: Option<Array2<usize>>,
}

/// The real steps of each row of a padded batch: `n` ids, padded before
/// (`pre`) or after, in a row of `steps`.
pub fn real_steps(n: usize, steps: usize, pre: bool) -> Range<usize> {
    let n = n.clamp(1, steps);
    if pre { steps - n..steps } else { 0..n }
}

/// What the forward pass keeps for the backward pass.
pub struct DeepForward<F> {
    x: Array3<F>,
    trace: BidirectionalTrace<F>,
    argmax: Option<Array2<usize>>,
    /// ȳ ⊙ m_y, what the dense layer read (B, 2H), and its logits (B).
    read: Array2<F>,
    pub logits: Array1<F>,
}

/// The gradients: the embedding's sparse, the others by name.
pub struct DeepGrads<F> {
    pub embedding: EmbeddingGrad<F>,
    pub named: Vec<(String, ArrayD<F>)>,
}

impl<F: FastMath> DeepClassifier<F> {
    /// A model of the given shape, seeded by `rng`.
    pub fn new(shape: DeepShape, rng: &mut impl Rng) -> Self {
        let (e, h) = (shape.embedding_dim, shape.hidden);
        DeepClassifier {
            pool: shape.pool,
            embedding: Embedding::new(shape.num_words, e, rng),
            rnn: Bidirectional {
                fwd: Recurrent::new(CellKind::LstmFast, e, h, rng),
                bwd: Recurrent::new(CellKind::LstmFast, e, h, rng),
            },
            dense: Dense::new(2 * h, 1, Init::Keras, rng),
        }
    }

    // ANCHOR: forward
    /// The logits of a batch, ids (B, T) with each row's real steps; with
    /// `masks` while training, without at evaluation.
    pub fn forward(
        &self,
        ids: ArrayView2<u32>,
        real: &[Range<usize>],
        masks: Option<&Masks<F>>,
    ) -> DeepForward<F> {
        let mut x = self.embedding.forward(ids);
        if let Some(m) = masks {
            x = drop_words(x.view(), m.words.view());
            x = drop_steps(x.view(), m.x.view());
        }
        let m_h = masks.map(|m| (m.h_fwd.view(), m.h_bwd.view()));
        let (y, trace) = self.rnn.forward_masked(x.view(), m_h);
        let pooled = self.pool_states(y.view(), real);
        let mut read = pooled.values;
        if let Some(m) = masks {
            read *= &m.y;
        }
        let logits = self.dense.forward(read.view()).column(0).to_owned();
        DeepForward {
            x,
            trace,
            argmax: pooled.argmax,
            read,
            logits,
        }
    }
    // ANCHOR_END: forward

    /// P(positive) of every row, without dropout.
    pub fn predict(&self, ids: ArrayView2<u32>, real: &[Range<usize>]) -> Array1<F> {
        let f = self.forward(ids, real, None);
        f.logits.mapv(numeric::activation::sigmoid)
    }

    // ANCHOR: backward
    /// The mean loss of a batch under `masks`, every gradient, and the logits.
    pub fn loss_and_grads(
        &self,
        ids: ArrayView2<u32>,
        real: &[Range<usize>],
        labels: ArrayView1<F>,
        masks: &Masks<F>,
    ) -> (F, DeepGrads<F>, Array1<F>) {
        let f = self.forward(ids, real, Some(masks));
        let (loss, dz) = bce_with_logits(f.logits.view(), labels);
        let dense = self
            .dense
            .backward(f.read.view(), dz.insert_axis(Axis(1)).view());
        // Back through the output mask and the mean.
        let d_mean = &dense.h * &masks.y;
        let steps = f.x.dim().0;
        let dy = match &f.argmax {
            None => masked_mean_backward(d_mean.view(), real, steps),
            Some(argmax) => masked_max_backward(d_mean.view(), argmax.view(), steps),
        };
        let m_h = Some((masks.h_fwd.view(), masks.h_bwd.view()));
        let (rnn, dx) = self
            .rnn
            .backward_masked(f.x.view(), &f.trace, dy.view(), m_h);
        // Back through the input and word masks, to the rows of the embedding.
        let dx = drop_steps(dx.view(), masks.x.view());
        let dx = drop_words(dx.view(), masks.words.view());
        let mut named = to_named_prefixed("rnn", &rnn);
        let dense = Dense {
            w: dense.w,
            b: dense.b,
        };
        named.extend(to_named_prefixed("dense", &dense));
        let embedding = self.embedding.backward(ids, dx.view());
        (loss, DeepGrads { embedding, named }, f.logits)
    }
    // ANCHOR_END: backward

    /// The number of parameters.
    pub fn parameter_count(&self) -> usize {
        numeric::params::count(self)
    }

    fn pool_states(&self, y: ArrayView3<F>, real: &[Range<usize>]) -> Pooled<F> {
        match self.pool {
            Pool::Mean => Pooled {
                values: masked_mean(y, real),
                argmax: None,
            },
            Pool::Max => {
                let (values, argmax) = masked_max(y, real);
                Pooled {
                    values,
                    argmax: Some(argmax),
                }
            }
        }
    }
}

// ANCHOR: mean
/// ȳ_b = (1/n_b) Σ_{t ∈ real_b} y_{t,b}: y (T, B, W) → (B, W).
pub fn masked_mean<F: Scalar>(y: ArrayView3<F>, real: &[Range<usize>]) -> Array2<F> {
    let (_, batch, width) = y.dim();
    assert_eq!(
        real.len(),
        batch,
        "masked_mean: {} ranges for a batch of {batch}",
        real.len()
    );
    let mut mean = Array2::zeros((batch, width));
    for (b, r) in real.iter().enumerate() {
        let sum = y.slice(s![r.clone(), b, ..]).sum_axis(Axis(0));
        mean.row_mut(b).assign(&(sum / F::lit(r.len() as f64)));
    }
    mean
}

/// Its backward pass: each real step of row b receives dȳ_b / n_b, padding nothing.
pub fn masked_mean_backward<F: Scalar>(
    d_mean: ArrayView2<F>,
    real: &[Range<usize>],
    steps: usize,
) -> Array3<F> {
    let (batch, width) = d_mean.dim();
    let mut dy = Array3::zeros((steps, batch, width));
    for (b, r) in real.iter().enumerate() {
        let share = d_mean.row(b).mapv(|v| v / F::lit(r.len() as f64));
        for t in r.clone() {
            dy.slice_mut(s![t, b, ..]).assign(&share);
        }
    }
    dy
}
// ANCHOR_END: mean

/// max_{t ∈ real_b} y_{t,b,k} for each b and k: y (T, B, W) → the maxima
/// (B, W) and the steps they came from (B, W).
pub fn masked_max<F: Scalar>(
    y: ArrayView3<F>,
    real: &[Range<usize>],
) -> (Array2<F>, Array2<usize>) {
    let (_, batch, width) = y.dim();
    assert_eq!(
        real.len(),
        batch,
        "masked_max: {} ranges for a batch of {batch}",
        real.len()
    );
    let mut values = Array2::zeros((batch, width));
    let mut argmax = Array2::zeros((batch, width));
    for (b, r) in real.iter().enumerate() {
        for k in 0..width {
            let best = r
                .clone()
                .reduce(|a, t| if y[[t, b, k]] > y[[a, b, k]] { t } else { a })
                .expect("every row has at least one real step");
            values[[b, k]] = y[[best, b, k]];
            argmax[[b, k]] = best;
        }
    }
    (values, argmax)
}

/// Its backward pass: each maximum's gradient goes to the step it came from.
pub fn masked_max_backward<F: Scalar>(
    d_max: ArrayView2<F>,
    argmax: ArrayView2<usize>,
    steps: usize,
) -> Array3<F> {
    let (batch, width) = d_max.dim();
    let mut dy = Array3::zeros((steps, batch, width));
    for ((b, k), &t) in argmax.indexed_iter() {
        dy[[t, b, k]] = d_max[[b, k]];
    }
    dy
}
