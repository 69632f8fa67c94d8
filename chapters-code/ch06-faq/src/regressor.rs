//! A model that reads a whole sequence and answers one number: a recurrent
//! layer of any kind, then a dense layer on the last state, trained on the
//! mean squared error.

pub use adding_problem::train::{Grads as RegressorGrads, mse};
use fast_rnn::fastmath::FastMath;
use layers::dense::Dense;
use ndarray::{Array1, Array3, ArrayView1, ArrayView3, Axis};
use numeric::Init;
use rand::{Rng, SeedableRng};
use recurrent::{CellKind, Recurrent, RecurrentTrace};

/// Recurrent layer → Dense(1) on h_T.
#[derive(Debug, Clone, PartialEq)]
pub struct Regressor<F> {
    pub rnn: Recurrent<F>,
    /// (1, H) and (1).
    pub dense: Dense<F>,
}

numeric::params! { Regressor {} prefixed { rnn, dense } }

/// What the forward pass keeps for the backward pass.
pub struct RegressorForward<F> {
    /// h_1 … h_T, (T, B, H).
    pub states: Array3<F>,
    pub trace: RecurrentTrace<F>,
    /// The answers, (B).
    pub z: Array1<F>,
}

impl<F: FastMath> Regressor<F> {
    /// A model with `input` features and `hidden` units, seeded by `rng`
    /// (chapter 4's initialisation: PyTorch's, LSTM forget bias 1, GRU reset-after).
    pub fn new(cell: CellKind, input: usize, hidden: usize, rng: &mut impl Rng) -> Self {
        let rnn = Recurrent::new(cell, input, hidden, rng);
        let dense = Dense::new(hidden, 1, Init::PyTorch, rng);
        Regressor { rnn, dense }
    }

    /// Run over x (T, B, D) from zero states and answer from h_T.
    pub fn forward(&self, x: ArrayView3<F>) -> RegressorForward<F> {
        let (states, trace) = self.rnn.forward(x);
        let last = states.index_axis(Axis(0), states.dim().0 - 1);
        let z = self.dense.forward(last).column(0).to_owned();
        RegressorForward { states, trace, z }
    }

    // ANCHOR: loss
    /// The mean squared error on (x, y) and the gradient of every parameter.
    pub fn loss_and_grads(&self, x: ArrayView3<F>, y: ArrayView1<F>) -> RegressorGrads<F> {
        let f = self.forward(x);
        let (loss, dz) = mse(f.z.view(), y);
        let (steps, batch, hidden) = f.states.dim();
        let last = f.states.index_axis(Axis(0), steps - 1);
        let dense = self.dense.backward(last, dz.insert_axis(Axis(1)).view());
        // Only h_T feeds the answer: the loss reaches the other states through it.
        let mut dh = Array3::zeros((steps, batch, hidden));
        dh.index_axis_mut(Axis(0), steps - 1).assign(&dense.h);
        let (rnn, _) = self.rnn.backward(x, &f.trace, dh.view());
        let grads = Regressor {
            rnn,
            dense: Dense {
                w: dense.w,
                b: dense.b,
            },
        };
        RegressorGrads {
            loss,
            named: numeric::params::to_named(&grads),
        }
    }
    // ANCHOR_END: loss

    /// Replace a vanilla layer's W_hh by gain · Q, Q orthogonal (seeded), so
    /// that its spectral radius is exactly `gain`. Panics for the gated cells.
    pub fn set_recurrent_gain(&mut self, gain: f64, seed: u64) {
        let Recurrent::Rnn(cell) = &mut self.rnn else {
            panic!("set_recurrent_gain: only the vanilla layer has a single W_hh");
        };
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed ^ 0x5eed);
        let q = numeric::init::orthogonal::<F>(cell.hidden_size(), &mut rng);
        cell.w_hh = q * F::lit(gain);
    }

    /// The number of parameters, counted tensor by tensor.
    pub fn parameter_count(&self) -> usize {
        numeric::params::count(self)
    }
}
