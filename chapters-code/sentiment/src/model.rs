//! The article's model and its two corrections: Embedding → recurrent layer → Dense(1, sigmoid).

use fast_rnn::fastmath::FastMath;
use ndarray::{Array1, Array2, Array3, ArrayD, ArrayView1, ArrayView2, Axis, s};
use numeric::params::to_named_prefixed;
use numeric::{Init, Scalar};
use rand::Rng;

use layers::dense::Dense;
use layers::embedding::{Embedding, EmbeddingGrad};
use layers::loss::bce_with_logits;
use recurrent::{CellKind, Recurrent, RecurrentTrace};

/// Which states the dense layer reads.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
pub enum Head {
    /// (a) The article as written: `return_sequences=True` then `Dense(1)`: an
    /// output at every step, each trained on the review's label.
    PerStep,
    /// (b) The conventional classifier: one output from the last state h_T.
    LastState,
    /// (c) One output from the state at the last real token (masking the post-padding).
    LastReal,
}

/// The head as a person reads it in a program's output: its name on the
/// command line (`--head`).
impl std::fmt::Display for Head {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Head::PerStep => "per-step",
            Head::LastState => "last-state",
            Head::LastReal => "last-real",
        })
    }
}

/// The sizes of a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ModelShape {
    pub num_words: usize,
    pub embedding_dim: usize,
    pub hidden: usize,
    pub cell: CellKind,
    pub head: Head,
}

/// The shape as a person reads it in a message: "LSTM of 100 units on an
/// embedding of 20000 ids × 100 dimensions, last-real head".
impl std::fmt::Display for ModelShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} of {} units on an embedding of {} ids × {} dimensions, {} head",
            self.cell, self.hidden, self.num_words, self.embedding_dim, self.head
        )
    }
}

/// Embedding, recurrent layer, dense output.
#[derive(Debug, Clone, PartialEq)]
pub struct Classifier<F> {
    pub shape: ModelShape,
    pub embedding: Embedding<F>,
    pub rnn: Recurrent<F>,
    pub dense: Dense<F>,
}

// `embedding.table`, the recurrent layer's own names under `rnn.`, `dense.w`, `dense.b`.
numeric::params! { Classifier {} prefixed { embedding, rnn, dense } }

/// The name of the embedding table among the model's parameters.
pub const EMBEDDING: &str = "embedding.table";

/// A batch: ids (B, T), labels (B) in {0, 1}, and each row's last real position.
#[derive(Debug, Clone, Copy)]
pub struct Batch<'a, F> {
    pub ids: ArrayView2<'a, u32>,
    pub labels: ArrayView1<'a, F>,
    pub last_real: &'a [usize],
}

/// Everything the forward pass keeps for the backward pass.
pub struct Forward<F> {
    x: Array3<F>,
    trace: RecurrentTrace<F>,
    states: Array3<F>,
    /// The states the dense layer read, (N, H), and its logits (N).
    read: Array2<F>,
    logits: Array1<F>,
}

impl<F: Scalar> Forward<F> {
    /// σ of the logits that classify each of the `batch` reviews (for the
    /// per-step model, those of the last step).
    pub fn probabilities(&self, batch: usize) -> Array1<F> {
        let last = self.logits.slice(s![self.logits.len() - batch..]);
        last.mapv(numeric::activation::sigmoid)
    }
}

/// Gradients of every parameter: the embedding's sparse, the others named
/// as the model names its parameters (`rnn.…`, `dense.w`, `dense.b`).
pub struct ModelGrads<F> {
    pub embedding: EmbeddingGrad<F>,
    pub named: Vec<(String, ArrayD<F>)>,
}

impl<F: FastMath> Classifier<F> {
    /// A model of the given shape, seeded by `rng`.
    pub fn new(shape: ModelShape, rng: &mut impl Rng) -> Self {
        let embedding = Embedding::new(shape.num_words, shape.embedding_dim, rng);
        let rnn = Recurrent::new(shape.cell, shape.embedding_dim, shape.hidden, rng);
        let dense = Dense::new(shape.hidden, 1, Init::Keras, rng);
        Classifier {
            shape,
            embedding,
            rnn,
            dense,
        }
    }

    // ANCHOR: forward
    /// Embed, run the recurrent layer, read the states the head chooses, apply the dense layer.
    pub fn forward(&self, ids: ArrayView2<u32>, last_real: &[usize]) -> Forward<F> {
        let x = self.embedding.forward(ids);
        let (states, trace) = self.rnn.forward(x.view());
        let (steps, batch, hidden) = states.dim();
        let read = match self.shape.head {
            // Every step, flattened to (T·B, H).
            Head::PerStep => states
                .to_shape((steps * batch, hidden))
                .expect("contiguous")
                .to_owned(),
            Head::LastState => states.index_axis(Axis(0), steps - 1).to_owned(),
            Head::LastReal => Array2::from_shape_fn((batch, hidden), |(b, k)| {
                states[[last_real[b], b, k]]
            }),
        };
        let logits = self.dense.forward(read.view()).column(0).to_owned();
        Forward {
            x,
            trace,
            states,
            read,
            logits,
        }
    }
    // ANCHOR_END: forward

    /// The probability of "positive" for every review: for the per-step
    /// model, the output at the last step.
    pub fn predict(&self, ids: ArrayView2<u32>, last_real: &[usize]) -> Array1<F> {
        self.forward(ids, last_real).probabilities(ids.nrows())
    }

    // ANCHOR: loss
    /// The loss of a batch, the gradient of every parameter, and the
    /// predicted probabilities (for the running accuracy).
    pub fn loss_and_grads(&self, batch: Batch<'_, F>) -> (F, ModelGrads<F>, Array1<F>) {
        let f = self.forward(batch.ids, batch.last_real);
        let (steps, size, hidden) = f.states.dim();
        // The per-step model repeats each label at every step (time-major order).
        let labels = match self.shape.head {
            Head::PerStep => {
                Array1::from_shape_fn(steps * size, |i| batch.labels[i % size])
            }
            _ => batch.labels.to_owned(),
        };
        let (loss, dz) = bce_with_logits(f.logits.view(), labels.view());
        let dense = self
            .dense
            .backward(f.read.view(), dz.insert_axis(Axis(1)).view());
        // Send the gradient back to the states the head read.
        let mut dh = Array3::zeros((steps, size, hidden));
        match self.shape.head {
            Head::PerStep => {
                dh.assign(&dense.h.to_shape((steps, size, hidden)).expect("contiguous"))
            }
            Head::LastState => dh.index_axis_mut(Axis(0), steps - 1).assign(&dense.h),
            Head::LastReal => {
                for (b, &t) in batch.last_real.iter().enumerate() {
                    dh.slice_mut(s![t, b, ..]).assign(&dense.h.row(b));
                }
            }
        }
        let (rnn, dx) = self.rnn.backward(f.x.view(), &f.trace, dh.view());
        let dense = Dense {
            w: dense.w,
            b: dense.b,
        };
        let mut named = to_named_prefixed("rnn", &rnn);
        named.extend(to_named_prefixed("dense", &dense));
        let embedding = self.embedding.backward(batch.ids, dx.view());
        (loss, ModelGrads { embedding, named }, f.probabilities(size))
    }
    // ANCHOR_END: loss

    /// The number of parameters.
    pub fn parameter_count(&self) -> usize {
        numeric::params::count(self)
    }
}
