//! One type for the three cells of chapter 3, readable or fast, so that a
//! model can swap them.

use fast_rnn::fastmath::FastMath;
use fast_rnn::parallel::{SplitTrace, backward_split, forward_split};
use fast_rnn::{FastGru, FastGruTrace, FastLstm, FastLstmTrace, FastRnn, FastRnnTrace};
use gru::{Gru, GruForm, GruTrace};
use lstm::{Lstm, LstmTrace};
use ndarray::{Array3, ArrayView3, ArrayViewD, ArrayViewMutD};
use numeric::threads::default_threads;
use numeric::{Init, Params, ParamsMut, Scalar};
use rand::Rng;
use vanilla_rnn::{RnnTrace, VanillaRnn};

use crate::CellKind;

/// A recurrent layer of any of the three kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum Recurrent<F> {
    Lstm(Lstm<F>),
    Gru(Gru<F>),
    Rnn(VanillaRnn<F>),
    LstmFast(FastLstm<F>),
    GruFast(FastGru<F>),
    RnnFast(FastRnn<F>),
}

/// The forward pass's record, per kind.
#[derive(Debug, Clone)]
pub enum RecurrentTrace<F> {
    Lstm(LstmTrace<F>),
    Gru(GruTrace<F>),
    Rnn(RnnTrace<F>),
    LstmFast(SplitTrace<FastLstmTrace<F>>),
    GruFast(SplitTrace<FastGruTrace<F>>),
    RnnFast(SplitTrace<FastRnnTrace<F>>),
}

impl<F: FastMath> Recurrent<F> {
    /// A new layer: every weight and one bias per gate drawn as PyTorch
    /// draws each of its tensors (PyTorch adds two biases per gate), the
    /// LSTM's forget-gate bias then set to 1, the GRU in the reset-after
    /// form that PyTorch uses (and Keras by default in TensorFlow 2 and
    /// Keras 3).
    pub fn new(kind: CellKind, input: usize, hidden: usize, rng: &mut impl Rng) -> Self {
        match kind {
            CellKind::Lstm => Recurrent::Lstm(
                Lstm::new(input, hidden, Init::PyTorch, rng).with_forget_bias(F::one()),
            ),
            CellKind::Gru => Recurrent::Gru(Gru::new(
                input,
                hidden,
                GruForm::ResetAfter,
                Init::PyTorch,
                rng,
            )),
            CellKind::Rnn => {
                Recurrent::Rnn(VanillaRnn::new(input, hidden, Init::PyTorch, rng))
            }
            CellKind::LstmFast => match Self::new(CellKind::Lstm, input, hidden, rng) {
                Recurrent::Lstm(l) => Recurrent::LstmFast(FastLstm::from_lstm(&l)),
                _ => unreachable!("CellKind::Lstm makes an LSTM"),
            },
            CellKind::GruFast => match Self::new(CellKind::Gru, input, hidden, rng) {
                Recurrent::Gru(g) => Recurrent::GruFast(FastGru::from_gru(&g)),
                _ => unreachable!("CellKind::Gru makes a GRU"),
            },
            CellKind::RnnFast => match Self::new(CellKind::Rnn, input, hidden, rng) {
                Recurrent::Rnn(r) => Recurrent::RnnFast(FastRnn::from_rnn(&r)),
                _ => unreachable!("CellKind::Rnn makes a vanilla layer"),
            },
        }
    }

    /// The hidden size H.
    pub fn hidden_size(&self) -> usize {
        match self {
            Recurrent::Lstm(c) => c.hidden_size(),
            Recurrent::Gru(c) => c.hidden_size(),
            Recurrent::Rnn(c) => c.hidden_size(),
            Recurrent::LstmFast(c) => c.hidden_size(),
            Recurrent::GruFast(c) => c.hidden_size(),
            Recurrent::RnnFast(c) => c.hidden_size(),
        }
    }

    /// Run over x (T, B, D) from zero states; returns h_1 … h_T (T, B, H) and the trace.
    pub fn forward(&self, x: ArrayView3<F>) -> (Array3<F>, RecurrentTrace<F>) {
        match self {
            Recurrent::Lstm(c) => {
                let trace = c.forward(x, None, None);
                (trace.states().to_owned(), RecurrentTrace::Lstm(trace))
            }
            Recurrent::Gru(c) => {
                let trace = c.forward(x, None);
                (trace.states().to_owned(), RecurrentTrace::Gru(trace))
            }
            Recurrent::Rnn(c) => {
                let trace = c.forward(x, None);
                (trace.states().to_owned(), RecurrentTrace::Rnn(trace))
            }
            Recurrent::LstmFast(c) => {
                let trace = forward_split(c, x, default_threads());
                (
                    trace.states::<F, FastLstm<F>>(),
                    RecurrentTrace::LstmFast(trace),
                )
            }
            Recurrent::GruFast(c) => {
                let trace = forward_split(c, x, default_threads());
                (
                    trace.states::<F, FastGru<F>>(),
                    RecurrentTrace::GruFast(trace),
                )
            }
            Recurrent::RnnFast(c) => {
                let trace = forward_split(c, x, default_threads());
                (
                    trace.states::<F, FastRnn<F>>(),
                    RecurrentTrace::RnnFast(trace),
                )
            }
        }
    }

    /// Given dL/dh_t (T, B, H): the parameters' gradients, as a layer of the
    /// same kind and shapes (so named like its parameters), and dL/dx.
    pub fn backward(
        &self,
        x: ArrayView3<F>,
        trace: &RecurrentTrace<F>,
        dh: ArrayView3<F>,
    ) -> (Recurrent<F>, Array3<F>) {
        match (self, trace) {
            (Recurrent::Lstm(c), RecurrentTrace::Lstm(t)) => {
                let g = c.backward(x, t, dh, None);
                (Recurrent::Lstm(g.params), g.x)
            }
            (Recurrent::Gru(c), RecurrentTrace::Gru(t)) => {
                let g = c.backward(x, t, dh);
                (Recurrent::Gru(g.params), g.x)
            }
            (Recurrent::Rnn(c), RecurrentTrace::Rnn(t)) => {
                let g = c.backward(x, t, dh);
                (Recurrent::Rnn(g.params), g.x)
            }
            (Recurrent::LstmFast(c), RecurrentTrace::LstmFast(t)) => {
                let (g, dx) = backward_split(c, x, t, dh);
                (Recurrent::LstmFast(g), dx)
            }
            (Recurrent::GruFast(c), RecurrentTrace::GruFast(t)) => {
                let (g, dx) = backward_split(c, x, t, dh);
                (Recurrent::GruFast(g), dx)
            }
            (Recurrent::RnnFast(c), RecurrentTrace::RnnFast(t)) => {
                let (g, dx) = backward_split(c, x, t, dh);
                (Recurrent::RnnFast(g), dx)
            }
            _ => panic!("Recurrent::backward: the trace comes from another kind of cell"),
        }
    }
}

impl<F: Scalar> Recurrent<F> {
    /// The layer as the dyn [`ParamsMut`] of its cell.
    fn cell_mut(&mut self) -> &mut dyn ParamsMut<F> {
        match self {
            Recurrent::Lstm(c) => c,
            Recurrent::Gru(c) => c,
            Recurrent::Rnn(c) => c,
            Recurrent::LstmFast(c) => c,
            Recurrent::GruFast(c) => c,
            Recurrent::RnnFast(c) => c,
        }
    }

    /// The layer as the dyn [`Params`] of its cell.
    fn cell(&self) -> &dyn Params<F> {
        match self {
            Recurrent::Lstm(c) => c,
            Recurrent::Gru(c) => c,
            Recurrent::Rnn(c) => c,
            Recurrent::LstmFast(c) => c,
            Recurrent::GruFast(c) => c,
            Recurrent::RnnFast(c) => c,
        }
    }
}

/// A layer's parameters are its cell's, under the cell's own names (for
/// example `w_xi` for the readable LSTM, `w_x` for the fast one).
impl<F: Scalar> Params<F> for Recurrent<F> {
    fn visit(&self, f: &mut dyn FnMut(&str, ArrayViewD<'_, F>)) {
        self.cell().visit(f);
    }
}

impl<F: Scalar> ParamsMut<F> for Recurrent<F> {
    fn visit_mut(&mut self, f: &mut dyn FnMut(&str, ArrayViewMutD<'_, F>)) {
        self.cell_mut().visit_mut(f);
    }
}
