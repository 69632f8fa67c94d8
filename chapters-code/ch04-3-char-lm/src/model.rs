//! The character language model: one-hot character → LSTM → Dense(V) →
//! softmax over the next character. The LSTM is section 3.4's fast one
//! (the same equations as chapter 3's, gates packed).

use fast_rnn::FastLstm;
use fast_rnn::fastmath::FastMath;
use layers::dense::Dense;
use layers::onehot::one_hot;
use layers::softmax::{cross_entropy, per_step_cross_entropy, softmax};
use lstm::Lstm;
use ndarray::{Array2, ArrayD, ArrayView2, Axis};
use numeric::Init;
use rand::Rng;
use rand::distr::{Distribution, weighted::WeightedIndex};

/// LSTM over one-hot characters, a dense layer scoring the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct CharLm<F> {
    /// Input V, hidden H.
    pub lstm: FastLstm<F>,
    /// (V, H) and (V).
    pub dense: Dense<F>,
}

numeric::params! { CharLm {} prefixed { lstm, dense } }

/// The hidden and cell state carried from one chunk of text to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct State<F> {
    pub h: Array2<F>,
    pub c: Array2<F>,
}

/// A chunk's loss, every gradient by name, and the state at its end.
pub struct ChunkGrads<F> {
    pub loss: F,
    pub named: Vec<(String, ArrayD<F>)>,
    pub end: State<F>,
}

impl<F: FastMath> CharLm<F> {
    /// A model over `vocab` characters with `hidden` units (PyTorch's initialisation, forget bias 1).
    pub fn new(vocab: usize, hidden: usize, rng: &mut impl Rng) -> Self {
        let lstm = Lstm::new(vocab, hidden, Init::PyTorch, rng).with_forget_bias(F::one());
        CharLm {
            lstm: FastLstm::from_lstm(&lstm),
            dense: Dense::new(hidden, vocab, Init::PyTorch, rng),
        }
    }

    /// V, the number of characters.
    pub fn vocab_size(&self) -> usize {
        self.dense.b.len()
    }

    /// Zero states for `batch` streams.
    pub fn zero_state(&self, batch: usize) -> State<F> {
        let hidden = self.lstm.hidden_size();
        State {
            h: Array2::zeros((batch, hidden)),
            c: Array2::zeros((batch, hidden)),
        }
    }

    // ANCHOR: chunk
    /// Truncated backpropagation through time on one chunk: read `inputs`
    /// (T, B) from `start`, predict `targets` (T, B) (the inputs shifted by
    /// one character), return the mean cross-entropy, every gradient and
    /// the state at the end. The gradient stops at `start`: the state is
    /// carried into the next chunk, the gradient is not.
    pub fn chunk_loss_and_grads(
        &self,
        inputs: ArrayView2<usize>,
        targets: ArrayView2<usize>,
        start: &State<F>,
    ) -> ChunkGrads<F> {
        let vocab = self.vocab_size();
        let x = one_hot::<F>(inputs, vocab);
        let trace = self
            .lstm
            .forward(x.view(), Some(start.h.view()), Some(start.c.view()));
        let dense = per_step_cross_entropy(&self.dense, trace.states(), targets);
        let g = self.lstm.backward(x.view(), &trace, dense.h.view(), None);
        let end = State {
            h: trace.last_h().to_owned(),
            c: trace.last_c().to_owned(),
        };
        // The gradients, shaped and named like the model's parameters.
        let grads = CharLm {
            lstm: g.params,
            dense: Dense {
                w: dense.w,
                b: dense.b,
            },
        };
        ChunkGrads {
            loss: dense.loss,
            named: numeric::params::to_named(&grads),
            end,
        }
    }
    // ANCHOR_END: chunk

    /// Mean cross-entropy (nats per character) of predicting each id of
    /// `text` from the ones before it, reading it in chunks of `chunk`
    /// with the state carried across.
    pub fn mean_cross_entropy(&self, text: &[usize], chunk: usize) -> f64 {
        let mut state = self.zero_state(1);
        let (mut total, mut count) = (0.0, 0usize);
        let mut start = 0;
        while start + 1 < text.len() {
            let end = (start + chunk).min(text.len() - 1);
            let inputs = Array2::from_shape_fn((end - start, 1), |(t, _)| text[start + t]);
            let x = one_hot::<F>(inputs.view(), self.vocab_size());
            let trace =
                self.lstm
                    .forward(x.view(), Some(state.h.view()), Some(state.c.view()));
            let states = trace.states().index_axis(Axis(1), 0).to_owned();
            let scores = self.dense.forward(states.view());
            let targets: Vec<usize> = (start + 1..=end).map(|k| text[k]).collect();
            let (loss, _) = cross_entropy(scores.view(), &targets);
            total += loss.to_f64_lossless() * targets.len() as f64;
            count += targets.len();
            state = State {
                h: trace.last_h().to_owned(),
                c: trace.last_c().to_owned(),
            };
            start = end;
        }
        total / count as f64
    }

    /// h_t after each id of `text` (T, H), read from zero states in chunks
    /// of `chunk` with the state carried across (what section 4.3 looks at
    /// for interpretable units).
    pub fn hidden_states(&self, text: &[usize], chunk: usize) -> Array2<F> {
        let hidden = self.lstm.hidden_size();
        let mut states = Array2::zeros((text.len(), hidden));
        let mut state = self.zero_state(1);
        for (k, piece) in text.chunks(chunk).enumerate() {
            let inputs = Array2::from_shape_fn((piece.len(), 1), |(t, _)| piece[t]);
            let x = one_hot::<F>(inputs.view(), self.vocab_size());
            let trace =
                self.lstm
                    .forward(x.view(), Some(state.h.view()), Some(state.c.view()));
            let h = trace.states().index_axis(Axis(1), 0).to_owned();
            let start = k * chunk;
            states
                .slice_mut(ndarray::s![start..start + piece.len(), ..])
                .assign(&h);
            state = State {
                h: trace.last_h().to_owned(),
                c: trace.last_c().to_owned(),
            };
        }
        states
    }

    // ANCHOR: sample
    /// Read `prompt`, then write `length` more ids, each drawn from
    /// softmax(scores / temperature): below 1 the likely characters get
    /// likelier (safer, more repetitive text), above 1 the distribution flattens.
    pub fn sample(
        &self,
        prompt: &[usize],
        length: usize,
        temperature: F,
        rng: &mut impl Rng,
    ) -> Vec<usize> {
        assert!(
            !prompt.is_empty(),
            "sampling needs a prompt of at least one character"
        );
        let vocab = self.vocab_size();
        let mut state = self.zero_state(1);
        let mut written = Vec::with_capacity(length);
        let mut scores = None;
        for &id in prompt {
            (state, scores) = self.advance(&state, id, vocab);
        }
        for _ in 0..length {
            let p = softmax(
                scores.as_ref().expect("a prompt was read").view(),
                temperature,
            );
            let weights: Vec<f64> = p.iter().map(|v| v.to_f64_lossless()).collect();
            let next = WeightedIndex::new(&weights)
                .expect("probabilities")
                .sample(rng);
            written.push(next);
            (state, scores) = self.advance(&state, next, vocab);
        }
        written
    }
    // ANCHOR_END: sample

    /// One step: read `id` from `state`; the new state and the next character's scores.
    fn advance(
        &self,
        state: &State<F>,
        id: usize,
        vocab: usize,
    ) -> (State<F>, Option<ndarray::Array1<F>>) {
        let mut x = ndarray::Array3::zeros((1, 1, vocab));
        x[[0, 0, id]] = F::one();
        let step = self
            .lstm
            .forward(x.view(), Some(state.h.view()), Some(state.c.view()));
        let h = step.last_h().to_owned();
        let scores = self.dense.forward(h.view()).row(0).to_owned();
        let c = step.last_c().to_owned();
        (State { h, c }, Some(scores))
    }

    /// The number of parameters.
    pub fn parameter_count(&self) -> usize {
        numeric::params::count(self)
    }
}
