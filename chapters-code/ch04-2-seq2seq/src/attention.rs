//! The encoder–decoder with additive attention (Bahdanau, Cho and Bengio,
//! 2015): the decoder looks back at every encoder state at every step,
//! instead of receiving the whole source in one vector (h_T, C_T).
//!
//! The encoder is the LSTM of [`model`](crate::model), but all its states
//! h_1 … h_{T_in} are kept, (T_in, B, H). At decoder step t = 1 … T_out, with
//! the decoder's previous hidden state s_{t−1} (B, H):
//!
//! ```text
//! e_tj       = vᵀ tanh(W_a s_{t−1} + U_a h_j + b_a)        scores, j = 1 … T_in
//! α_tj       = exp(e_tj) / Σ_k exp(e_tk)                   weights, Σ_j α_tj = 1
//! c_t        = Σ_j α_tj h_j                                the context, (B, H)
//! (s_t, C_t) = LSTM([one_hot(y_{t−1}); c_t], s_{t−1}, C_{t−1})
//! z_t        = W_o [s_t; c_t] + b_o                        scores of the VOCAB tokens
//! L          = mean over t and b of −log softmax(z_t)[y_t]
//! ```
//!
//! with W_a, U_a (A, H), b_a and v (A), the decoder LSTM's input VOCAB + H,
//! W_o (VOCAB, 2H) and b_o (VOCAB) (the [`Dense`] layer); y_0 = GO, and
//! (s_0, C_0) is the encoder's last (h, C), as in the model without attention.
//!
//! In the paper's notation (section 3.1 and Appendix A) these are
//! e_ij = a(s_{i−1}, h_j) = v_aᵀ tanh(W_a s_{i−1} + U_a h_j) and
//! α_ij = softmax_j(e_ij) (eq. 6), c_i = Σ_j α_ij h_j (eq. 5), the state
//! s_i = f(s_{i−1}, y_{i−1}, c_i) and the output distribution
//! p(y_i | y_1 … y_{i−1}, x) = g(y_{i−1}, s_i, c_i) (eq. 4). Where this
//! model differs:
//!
//! * the encoder is one forward LSTM, not a bidirectional RNN whose
//!   annotations are h_j = [→h_j; ←h_j];
//! * f is an LSTM reading [one_hot(y_{t−1}); c_t] (its hidden state is s_t;
//!   its cell C_t is not attended with), not the paper's gated unit, and it
//!   starts from the encoder's last (h, C) instead of s_0 = tanh(W_s ←h_1);
//! * g is one dense layer over [s_t; c_t] followed by the softmax, not the
//!   paper's deep output (a maxout layer over s_{i−1}, E y_{i−1} and c_i);
//!   the previous token reaches the scores only through s_t;
//! * the scores have a bias b_a, which a(s_{i−1}, h_j) does not;
//! * W_a, U_a, b_a and v start uniform like PyTorch's `nn.Linear`, not as
//!   the paper's N(0, 0.001²) for W_a, U_a and zeros for v_a.
//!
//! The attention itself (scores, weights, context, and their derivatives)
//! is in [`attention_layer`](crate::attention_layer); the model's backward
//! pass is in [`attention_backward`](crate::attention_backward).

use layers::dense::Dense;
use layers::softmax::{argmax, per_step_cross_entropy};
use lstm::{Lstm, LstmStep, LstmTrace};
use ndarray::{Array2, Array3, ArrayView2, ArrayView3, Axis, concatenate, s};
use numeric::{Init, Scalar};
use rand::Rng;

use crate::attention_layer::{Attention, AttentionStep};
use crate::model::decoder_inputs;
use crate::task::{EOS, GO, VOCAB, one_hot};

/// Encoder LSTM → every state h_j; at every step, attention over them
/// feeds the decoder LSTM and, with its state, the dense layer over the digits.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionSeq2Seq<F> {
    /// Reads the one-hot source digits: input VOCAB, hidden H.
    pub encoder: Lstm<F>,
    /// Reads [one_hot(y_{t−1}); c_t]: input VOCAB + H, hidden H.
    pub decoder: Lstm<F>,
    /// W_a, U_a (A, H), b_a and v (A).
    pub attention: Attention<F>,
    /// Scores every token from [s_t; c_t]: (VOCAB, 2H) and (VOCAB).
    pub dense: Dense<F>,
}

numeric::params! { AttentionSeq2Seq {} prefixed { encoder, decoder, attention, dense } }

/// What one decoder step computed.
#[derive(Debug, Clone, PartialEq)]
pub struct DecoderStep<F> {
    /// What the decoder LSTM read, [one_hot(y_{t−1}); c_t]: (B, VOCAB + H).
    pub x: Array2<F>,
    pub attention: AttentionStep<F>,
    /// The decoder LSTM's step; its `h` is s_t.
    pub lstm: LstmStep<F>,
}

impl<F: Scalar> DecoderStep<F> {
    /// [s_t; c_t], (B, 2H): what the dense layer scores.
    pub fn output(&self) -> Array2<F> {
        concatenate![Axis(1), self.lstm.h, self.attention.context]
    }
}

/// What the forward pass keeps for the backward pass and for attention maps.
#[derive(Debug, Clone)]
pub struct AttentionTrace<F> {
    /// The encoder's one-hot input (T_in, B, VOCAB) and its trace.
    pub x_enc: Array3<F>,
    pub encoder: LstmTrace<F>,
    /// k_j = U_a h_j + b_a, (T_in, B, A).
    pub keys: Array3<F>,
    /// The decoder's steps, in order.
    pub steps: Vec<DecoderStep<F>>,
}

impl<F: Scalar> AttentionTrace<F> {
    /// The encoder states h_1 … h_{T_in} attended to, (T_in, B, H).
    pub fn states(&self) -> ArrayView3<'_, F> {
        self.encoder.states()
    }

    /// (s_{t−1}, C_{t−1}), (B, H) each: the decoder's state before step
    /// `t` (counted from 0), the encoder's last (h, C) before the first.
    pub fn before(&self, t: usize) -> (ArrayView2<'_, F>, ArrayView2<'_, F>) {
        match t {
            0 => (self.encoder.last_h(), self.encoder.last_c()),
            _ => (
                self.steps[t - 1].lstm.h.view(),
                self.steps[t - 1].lstm.c.view(),
            ),
        }
    }

    /// [s_t; c_t] for every step, (T_out, B, 2H).
    pub fn outputs(&self) -> Array3<F> {
        let (_, batch, hidden) = self.states().dim();
        let mut outputs = Array3::zeros((self.steps.len(), batch, 2 * hidden));
        for (t, step) in self.steps.iter().enumerate() {
            outputs.index_axis_mut(Axis(0), t).assign(&step.output());
        }
        outputs
    }

    /// α_t for every step, (T_out, B, T_in).
    pub fn weights(&self) -> Array3<F> {
        let (steps, batch, _) = self.states().dim();
        let mut weights = Array3::zeros((self.steps.len(), batch, steps));
        for (t, step) in self.steps.iter().enumerate() {
            weights
                .index_axis_mut(Axis(0), t)
                .assign(&step.attention.alpha);
        }
        weights
    }
}

impl<F: Scalar> AttentionSeq2Seq<F> {
    /// A model with `hidden` = H units per LSTM (PyTorch's initialisation,
    /// forget bias 1) and `attention` = A scoring units.
    pub fn new(hidden: usize, attention: usize, rng: &mut impl Rng) -> Self {
        let one = F::one();
        AttentionSeq2Seq {
            encoder: Lstm::new(VOCAB, hidden, Init::PyTorch, rng).with_forget_bias(one),
            decoder: Lstm::new(VOCAB + hidden, hidden, Init::PyTorch, rng)
                .with_forget_bias(one),
            attention: Attention::new(hidden, attention, rng),
            dense: Dense::new(2 * hidden, VOCAB, Init::PyTorch, rng),
        }
    }

    /// The number of parameters.
    pub fn parameter_count(&self) -> usize {
        numeric::params::count(self)
    }

    /// Run the encoder over `source` (T_in, B) and compute the keys: a trace
    /// with no decoder step yet.
    pub fn encode(&self, source: &Array2<usize>) -> AttentionTrace<F> {
        let x_enc = one_hot::<F>(source);
        let encoder = self.encoder.forward(x_enc.view(), None, None);
        let keys = self.attention.keys(encoder.states());
        AttentionTrace {
            x_enc,
            encoder,
            keys,
            steps: Vec::new(),
        }
    }

    // ANCHOR: decode_step
    /// The next decoder step of `trace`, reading the previous tokens
    /// `previous` (B): attend with s_{t−1}, then step the LSTM on
    /// [one_hot(y_{t−1}); c_t].
    pub fn decode_step(
        &self,
        trace: &AttentionTrace<F>,
        previous: &[usize],
    ) -> DecoderStep<F> {
        let (s_prev, c_prev) = trace.before(trace.steps.len());
        let attention = self
            .attention
            .step(s_prev, trace.states(), trace.keys.view());
        let batch = previous.len();
        let mut x = Array2::zeros((batch, VOCAB + self.decoder.hidden_size()));
        for (b, &token) in previous.iter().enumerate() {
            assert!(
                token < VOCAB,
                "decode_step: token {token} outside the vocabulary of {VOCAB}"
            );
            x[[b, token]] = F::one();
        }
        x.slice_mut(s![.., VOCAB..]).assign(&attention.context);
        let lstm = self.decoder.step(x.view(), s_prev, c_prev);
        DecoderStep { x, attention, lstm }
    }
    // ANCHOR_END: decode_step

    /// The decoder fed `inputs` (T_out, B), step after step, after the encoder
    /// read `source` (T_in, B).
    pub fn run(&self, source: &Array2<usize>, inputs: &Array2<usize>) -> AttentionTrace<F> {
        assert_eq!(
            source.ncols(),
            inputs.ncols(),
            "source {:?} and decoder inputs {:?} must have the same batch (T, B)",
            source.dim(),
            inputs.dim()
        );
        let mut trace = self.encode(source);
        for row in inputs.rows() {
            let step = self.decode_step(&trace, &row.to_vec());
            trace.steps.push(step);
        }
        trace
    }

    // ANCHOR: forward
    /// Teacher forcing: the mean cross-entropy of the decoder's answers for
    /// `source` (T_in, B) against `target` (T_out, B), and the trace.
    pub fn forward(
        &self,
        source: &Array2<usize>,
        target: &Array2<usize>,
    ) -> (F, AttentionTrace<F>) {
        let trace = self.run(source, &decoder_inputs(target));
        let loss =
            per_step_cross_entropy(&self.dense, trace.outputs().view(), target.view());
        (loss.loss, trace)
    }
    // ANCHOR_END: forward

    // ANCHOR: greedy
    /// Greedy decoding of `source` (T_in, B), for at most `max_steps` tokens:
    /// the tokens written before EOS, and for every sequence its attention
    /// weights (T_out, T_in), one row for each step it took (the step that
    /// wrote EOS included).
    pub fn greedy(
        &self,
        source: &Array2<usize>,
        max_steps: usize,
    ) -> (Vec<Vec<usize>>, Vec<Array2<F>>) {
        let batch = source.ncols();
        let mut trace = self.encode(source);
        let mut previous = vec![GO; batch];
        let mut written = vec![Vec::new(); batch];
        let mut taken = vec![0; batch];
        let mut finished = vec![false; batch];
        for _ in 0..max_steps {
            let step = self.decode_step(&trace, &previous);
            let scores = self.dense.forward(step.output().view());
            for b in 0..batch {
                let token = argmax(scores.row(b));
                if !finished[b] {
                    taken[b] += 1;
                    if token == EOS {
                        finished[b] = true;
                    } else {
                        written[b].push(token);
                    }
                }
                previous[b] = token;
            }
            trace.steps.push(step);
            if finished.iter().all(|&f| f) {
                break;
            }
        }
        let weights = trace.weights();
        let maps = (0..batch)
            .map(|b| weights.slice(s![..taken[b], b, ..]).to_owned())
            .collect();
        (written, maps)
    }
    // ANCHOR_END: greedy
}
