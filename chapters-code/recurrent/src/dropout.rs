//! Dropout: during training, multiply activations by a random mask m whose
//! entries are 0 with probability p and 1/(1 − p) otherwise ("inverted"
//! dropout: E[m] = 1, so at test time the layer is the identity and nothing
//! is rescaled). Backward, dL/dx = dL/dy ⊙ m with the same mask.
//!
//! Three places in a recurrent model, after Gal and Ghahramani (2016):
//!
//! - **input dropout**, x_t ⊙ m_x, with one mask (B, D) for the whole
//!   sequence (variational), and **word dropout**: each word type of a
//!   sequence dropped with probability p, at every place it occurs;
//! - **recurrent dropout**, h_{t−1} ⊙ m_h inside the cell, one mask (B, H)
//!   per sequence for every step ([`Recurrent::forward_masked`]; written for
//!   the fast LSTM);
//! - **output dropout** on what the classifier reads, y ⊙ m_y.

use fast_rnn::fastmath::FastMath;
use fast_rnn::parallel::SplitTrace;
use ndarray::{Array, Array2, Array3, ArrayView2, ArrayView3, Dimension, ShapeBuilder};
use numeric::Scalar;
use rand::Rng;

use crate::{Recurrent, RecurrentTrace};

// ANCHOR: mask
/// A dropout mask of the given shape: each entry 0 with probability `p`,
/// else 1/(1 − p). `p` must be in [0, 1).
pub fn mask<F: Scalar, D: Dimension, Sh: ShapeBuilder<Dim = D>>(
    shape: Sh,
    p: f64,
    rng: &mut impl Rng,
) -> Array<F, D> {
    check_probability(p);
    Array::from_shape_simple_fn(shape, || factor(p, rng))
}

/// One entry of a mask: 0 with probability `p`, else 1/(1 − p).
fn factor<F: Scalar>(p: f64, rng: &mut impl Rng) -> F {
    if rng.random::<f64>() < p {
        F::zero()
    } else {
        F::lit(1.0 / (1.0 - p))
    }
}

/// A drop probability must be in [0, 1): at 1 nothing is kept and 1/(1 − p) is infinite.
fn check_probability(p: f64) {
    assert!(
        (0.0..1.0).contains(&p),
        "dropout::mask: the drop probability is {p}, expected 0 <= p < 1"
    );
}

/// Variational input dropout: x_t ⊙ m for every step t, x (T, B, D), m (B, D).
pub fn drop_steps<F: Scalar>(x: ArrayView3<F>, m: ArrayView2<F>) -> Array3<F> {
    let (_, batch, width) = x.dim();
    assert_eq!(
        m.dim(),
        (batch, width),
        "drop_steps: the mask is {:?}, x is {:?} (expected a mask of (B, D))",
        m.dim(),
        x.dim()
    );
    &x * &m
}

/// Word dropout for ids (B, T): a mask (T, B), time-major as the layers
/// read it, where every occurrence of a word in a sequence gets the same
/// entry: each distinct word of each sequence is dropped with probability `p`.
pub fn word_mask<F: Scalar>(ids: ArrayView2<u32>, p: f64, rng: &mut impl Rng) -> Array2<F> {
    check_probability(p);
    let (batch, steps) = ids.dim();
    let mut m = Array2::zeros((steps, batch));
    for b in 0..batch {
        let mut drawn = std::collections::HashMap::new();
        for t in 0..steps {
            // One draw per distinct word of the sequence.
            m[[t, b]] = *drawn
                .entry(ids[[b, t]])
                .or_insert_with(|| factor::<F>(p, rng));
        }
    }
    m
}

/// x_t ⊙ m_t for every step, x (T, B, D), m (T, B): one factor per word.
pub fn drop_words<F: Scalar>(x: ArrayView3<F>, m: ArrayView2<F>) -> Array3<F> {
    let (steps, batch, _) = x.dim();
    assert_eq!(
        m.dim(),
        (steps, batch),
        "drop_words: the mask is {:?}, x is {:?} (expected a mask of (T, B))",
        m.dim(),
        x.dim()
    );
    &x * &m.insert_axis(ndarray::Axis(2))
}
// ANCHOR_END: mask

impl<F: FastMath> Recurrent<F> {
    // ANCHOR: recurrent
    /// [`Recurrent::forward`], with recurrent dropout if `m_h` (B, H) is
    /// given: every step reads h_{t−1} ⊙ m_h. Recurrent dropout is written
    /// for the fast LSTM, which runs it on one thread; any other kind with
    /// a mask is a programmer's error.
    pub fn forward_masked(
        &self,
        x: ArrayView3<F>,
        m_h: Option<ArrayView2<F>>,
    ) -> (Array3<F>, RecurrentTrace<F>) {
        let Some(m_h) = m_h else {
            return self.forward(x);
        };
        let Recurrent::LstmFast(c) = self else {
            panic!(
                "Recurrent::forward_masked: recurrent dropout is written for the fast LSTM only"
            )
        };
        let (steps, batch, _) = x.dim();
        let hidden = c.hidden_size();
        let trace = c.forward_masked(x, None, None, Some(m_h));
        let states = trace.states().to_owned();
        let parts = vec![(0..batch, trace)];
        let split = SplitTrace {
            parts,
            steps,
            hidden,
        };
        (states, RecurrentTrace::LstmFast(split))
    }

    /// [`Recurrent::backward`] for [`Recurrent::forward_masked`], with the same mask.
    pub fn backward_masked(
        &self,
        x: ArrayView3<F>,
        trace: &RecurrentTrace<F>,
        dh: ArrayView3<F>,
        m_h: Option<ArrayView2<F>>,
    ) -> (Recurrent<F>, Array3<F>) {
        let Some(m_h) = m_h else {
            return self.backward(x, trace, dh);
        };
        let (Recurrent::LstmFast(c), RecurrentTrace::LstmFast(split)) = (self, trace)
        else {
            panic!(
                "Recurrent::backward_masked: recurrent dropout is written for the fast LSTM only"
            )
        };
        let [(_, t)] = split.parts.as_slice() else {
            panic!(
                "Recurrent::backward_masked: the trace is not forward_masked's (one part)"
            )
        };
        let g = c.backward_masked(x, t, dh, None, Some(m_h));
        (Recurrent::LstmFast(g.params), g.x)
    }
    // ANCHOR_END: recurrent
}

/// The masks of one training step of a bidirectional layer: words (T, B),
/// input (B, D), recurrent per direction (B, H), and output (B, 2H) on what
/// the head reads.
#[derive(Debug, Clone)]
pub struct Masks<F> {
    pub words: Array2<F>,
    pub x: Array2<F>,
    pub h_fwd: Array2<F>,
    pub h_bwd: Array2<F>,
    pub y: Array2<F>,
}

/// The drop probabilities of the four places.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DropoutRates {
    pub words: f64,
    pub input: f64,
    pub recurrent: f64,
    pub output: f64,
}

impl<F: Scalar> Masks<F> {
    /// Fresh masks for the ids (B, T) of a batch, inputs of width `width`,
    /// hidden size `hidden` per direction.
    pub fn sample(
        rates: DropoutRates,
        ids: ArrayView2<u32>,
        width: usize,
        hidden: usize,
        rng: &mut impl Rng,
    ) -> Self {
        let batch = ids.nrows();
        Masks {
            words: word_mask(ids, rates.words, rng),
            x: mask((batch, width), rates.input, rng),
            h_fwd: mask((batch, hidden), rates.recurrent, rng),
            h_bwd: mask((batch, hidden), rates.recurrent, rng),
            y: mask((batch, 2 * hidden), rates.output, rng),
        }
    }
}
