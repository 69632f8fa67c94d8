//! One type for the three cells of chapter 3, so the model can swap them.

use fast_rnn::fastmath::FastMath;
use fast_rnn::parallel::{
    FastLayer, SplitTrace, backward_split, forward_split,
};
use fast_rnn::{FastGru, FastGruTrace, FastLstm, FastLstmTrace, FastRnn, FastRnnTrace};
use gru::{Gru, GruForm, GruTrace};
use lstm::{Lstm, LstmTrace};
use ndarray::{Array3, ArrayD, ArrayView3, ArrayViewMutD};
use numeric::Init;
use numeric::threads::default_threads;
use rand::Rng;
use vanilla_rnn::{RnnTrace, VanillaRnn};

/// Which cell the model uses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
pub enum CellKind {
    Lstm,
    Gru,
    /// The vanilla tanh layer of section 3.1 (its output layer unused: the
    /// model's dense layer plays that part).
    Rnn,
    /// The same LSTM computed by the fast path of section 3.4 (packed gates,
    /// fused code, the batch split over the cores); initialised identically.
    LstmFast,
    /// The GRU by the fast path of section 3.4; initialised identically.
    GruFast,
    /// The vanilla layer by the fast path of section 3.4; initialised identically.
    RnnFast,
}

impl CellKind {
    /// The cell's name in the book's tables and figures ("LSTM", "GRU",
    /// "vanilla RNN"), the same for the readable and the fast path.
    pub fn name(self) -> &'static str {
        match self.readable() {
            CellKind::Lstm => "LSTM",
            CellKind::Gru => "GRU",
            _ => "vanilla RNN",
        }
    }

    /// The readable cell that a fast-path kind computes (itself for the readable ones).
    pub fn readable(self) -> CellKind {
        match self {
            CellKind::Lstm | CellKind::LstmFast => CellKind::Lstm,
            CellKind::Gru | CellKind::GruFast => CellKind::Gru,
            CellKind::Rnn | CellKind::RnnFast => CellKind::Rnn,
        }
    }
}

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
    /// A new layer: PyTorch's initialisation, the LSTM with forget bias 1,
    /// the GRU in the reset-after form that Keras and PyTorch use.
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
                Recurrent::Rnn(VanillaRnn::new(input, hidden, 0, Init::PyTorch, rng))
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
                let (_, trace) = c.forward(x, None);
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

    /// Given dL/dh_t (T, B, H): the parameter gradients by name, and dL/dx.
    pub fn backward(
        &self,
        x: ArrayView3<F>,
        trace: &RecurrentTrace<F>,
        dh: ArrayView3<F>,
    ) -> (Vec<(String, ArrayD<F>)>, Array3<F>) {
        let named = |tensors: Vec<(&'static str, ndarray::ArrayViewD<'_, F>)>| -> Vec<(String, ArrayD<F>)> {
            tensors
                .into_iter()
                .filter(|(n, _)| !["x", "h0", "c0"].contains(n))
                .map(|(n, t)| (format!("rnn.{n}"), t.to_owned()))
                .collect()
        };
        match (self, trace) {
            (Recurrent::Lstm(c), RecurrentTrace::Lstm(t)) => {
                let g = c.backward(x, t, dh, None);
                (named(g.tensors()), g.x)
            }
            (Recurrent::Gru(c), RecurrentTrace::Gru(t)) => {
                let g = c.backward(x, t, dh);
                (named(g.tensors()), g.x)
            }
            (Recurrent::Rnn(c), RecurrentTrace::Rnn(t)) => {
                let dy = Array3::zeros((dh.dim().0, dh.dim().1, 0));
                let g = c.backward(x, t, dh, dy.view());
                (named(g.tensors()), g.x)
            }
            (Recurrent::LstmFast(c), RecurrentTrace::LstmFast(t)) => {
                fast_backward(c, x, t, dh)
            }
            (Recurrent::GruFast(c), RecurrentTrace::GruFast(t)) => {
                fast_backward(c, x, t, dh)
            }
            (Recurrent::RnnFast(c), RecurrentTrace::RnnFast(t)) => {
                fast_backward(c, x, t, dh)
            }
            _ => panic!("Recurrent::backward: the trace comes from another kind of cell"),
        }
    }

    /// Every parameter by name (`rnn.w_xi`, …), mutably.
    pub fn tensors_mut(&mut self) -> Vec<(String, ArrayViewMutD<'_, F>)> {
        let tensors = match self {
            Recurrent::Lstm(c) => c.tensors_mut(),
            Recurrent::Gru(c) => c.tensors_mut(),
            Recurrent::Rnn(c) => c.tensors_mut(),
            Recurrent::LstmFast(c) => vec![
                ("w_x", c.w_x.view_mut().into_dyn()),
                ("w_h", c.w_h.view_mut().into_dyn()),
                ("b", c.b.view_mut().into_dyn()),
            ],
            Recurrent::GruFast(c) => vec![
                ("w_x", c.w_x.view_mut().into_dyn()),
                ("w_h", c.w_h.view_mut().into_dyn()),
                ("b", c.b.view_mut().into_dyn()),
                ("b_hn", c.b_hn.view_mut().into_dyn()),
            ],
            Recurrent::RnnFast(c) => vec![
                ("w_x", c.w_x.view_mut().into_dyn()),
                ("w_h", c.w_h.view_mut().into_dyn()),
                ("b", c.b.view_mut().into_dyn()),
            ],
        };
        tensors
            .into_iter()
            .map(|(n, t)| (format!("rnn.{n}"), t))
            .collect()
    }
}

/// The batch-split backward pass of a fast layer, its gradients named as
/// `tensors_mut` names the parameters.
fn fast_backward<F: FastMath, L: FastLayer<F>>(
    layer: &L,
    x: ArrayView3<F>,
    trace: &SplitTrace<L::Trace>,
    dh: ArrayView3<F>,
) -> (Vec<(String, ArrayD<F>)>, Array3<F>) {
    let (grads, dx) = backward_split(layer, x, trace, dh);
    let named = layer
        .param_names()
        .into_iter()
        .zip(grads)
        .map(|(n, g)| (format!("rnn.{n}"), g))
        .collect();
    (named, dx)
}
