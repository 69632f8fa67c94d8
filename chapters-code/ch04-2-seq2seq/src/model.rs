//! The encoder–decoder: two LSTMs and a dense layer over the digits.

use layers::dense::Dense;
use lstm::Lstm;
use ndarray::{Array2, Array3, ArrayD, Axis};
use numeric::{Init, Scalar};
use rand::Rng;

use crate::task::{EOS, GO, VOCAB, one_hot};
use layers::softmax::{argmax, per_step_cross_entropy};

/// Encoder LSTM → its last (h, C) starts the decoder LSTM → Dense(VOCAB) at every decoder step.
#[derive(Debug, Clone, PartialEq)]
pub struct Seq2Seq<F> {
    /// Reads the one-hot source digits: input VOCAB, hidden H.
    pub encoder: Lstm<F>,
    /// Reads GO and then the previous answer: input VOCAB, hidden H.
    pub decoder: Lstm<F>,
    /// Scores every token from the decoder's state: (VOCAB, H) and (VOCAB).
    pub dense: Dense<F>,
}

numeric::params! { Seq2Seq {} prefixed { encoder, decoder, dense } }

/// The loss of a batch and the gradient of every parameter, by name.
pub struct Seq2SeqGrads<F> {
    pub loss: F,
    pub named: Vec<(String, ArrayD<F>)>,
}

/// What the decoder reads under teacher forcing: GO, then the target
/// shifted by one step. `target` is (T_out, B); so is the result.
pub fn decoder_inputs(target: &Array2<usize>) -> Array2<usize> {
    let (steps, batch) = target.dim();
    Array2::from_shape_fn(
        (steps, batch),
        |(t, b)| {
            if t == 0 { GO } else { target[[t - 1, b]] }
        },
    )
}

impl<F: Scalar> Seq2Seq<F> {
    /// A model with `hidden` units per LSTM (PyTorch's initialisation, forget bias 1).
    pub fn new(hidden: usize, rng: &mut impl Rng) -> Self {
        let one = F::one();
        Seq2Seq {
            encoder: Lstm::new(VOCAB, hidden, Init::PyTorch, rng).with_forget_bias(one),
            decoder: Lstm::new(VOCAB, hidden, Init::PyTorch, rng).with_forget_bias(one),
            dense: Dense::new(hidden, VOCAB, Init::PyTorch, rng),
        }
    }

    // ANCHOR: loss
    /// Teacher forcing: the mean cross-entropy of the decoder's answers for
    /// `source` (T_in, B) against `target` (T_out, B), and every gradient.
    pub fn loss_and_grads(
        &self,
        source: &Array2<usize>,
        target: &Array2<usize>,
    ) -> Seq2SeqGrads<F> {
        let x_enc = one_hot::<F>(source);
        let enc = self.encoder.forward(x_enc.view(), None, None);
        // The decoder starts from the encoder's last hidden and cell states.
        let x_dec = one_hot::<F>(&decoder_inputs(target));
        let dec =
            self.decoder
                .forward(x_dec.view(), Some(enc.last_h()), Some(enc.last_c()));
        let dense = per_step_cross_entropy(&self.dense, dec.states(), target.view());
        let g_dec = self
            .decoder
            .backward(x_dec.view(), &dec, dense.h.view(), None);
        // The encoder's last states fed the decoder: their gradients are the
        // decoder's initial-state gradients.
        let mut dh_enc =
            Array3::zeros((source.nrows(), source.ncols(), self.encoder.hidden_size()));
        dh_enc
            .index_axis_mut(Axis(0), source.nrows() - 1)
            .assign(&g_dec.h0);
        let g_enc =
            self.encoder
                .backward(x_enc.view(), &enc, dh_enc.view(), Some(g_dec.c0.view()));
        // The gradients, shaped and named like the model's parameters.
        let grads = Seq2Seq {
            encoder: g_enc.params,
            decoder: g_dec.params,
            dense: Dense {
                w: dense.w,
                b: dense.b,
            },
        };
        Seq2SeqGrads {
            loss: dense.loss,
            named: numeric::params::to_named(&grads),
        }
    }
    // ANCHOR_END: loss

    // ANCHOR: greedy
    /// Greedy decoding: feed the decoder its own most likely answer until it
    /// writes EOS or has written `max_steps` tokens. `source` is (T_in, B).
    pub fn greedy(&self, source: &Array2<usize>, max_steps: usize) -> Vec<Vec<usize>> {
        let batch = source.ncols();
        let enc = self
            .encoder
            .forward(one_hot::<F>(source).view(), None, None);
        let (mut h, mut c) = (enc.last_h().to_owned(), enc.last_c().to_owned());
        let mut previous = vec![GO; batch];
        let mut written = vec![Vec::new(); batch];
        let mut finished = vec![false; batch];
        for _ in 0..max_steps {
            let input = Array2::from_shape_fn((1, batch), |(_, b)| previous[b]);
            let x = one_hot::<F>(&input).index_axis_move(Axis(0), 0);
            let step = self.decoder.step(x.view(), h.view(), c.view());
            let scores = self.dense.forward(step.h.view());
            for b in 0..batch {
                let token = argmax(scores.row(b));
                if !finished[b] {
                    if token == EOS {
                        finished[b] = true;
                    } else {
                        written[b].push(token);
                    }
                }
                previous[b] = token;
            }
            (h, c) = (step.h, step.c);
            if finished.iter().all(|&f| f) {
                break;
            }
        }
        written
    }
    // ANCHOR_END: greedy

    /// The number of parameters.
    pub fn parameter_count(&self) -> usize {
        numeric::params::count(self)
    }
}
