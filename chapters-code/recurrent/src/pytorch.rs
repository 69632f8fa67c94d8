//! Every recurrent layer as PyTorch's tensors (`weight_ih_l0`, `weight_hh_l0`,
//! `bias_ih_l0`, `bias_hh_l0`), and back: the one naming of the book's
//! checkpoints, so that a readable layer and a fast one load each other's.

use fast_rnn::fastmath::FastMath;
use fast_rnn::{FastGru, FastLstm, FastRnn};
use gru::Gru;
use lstm::Lstm;
use numeric::params::Named;
use numeric::pytorch::{PyTorchLayer, ShapeError};
use vanilla_rnn::VanillaRnn;

use crate::{CellKind, Recurrent};

impl<F: FastMath> Recurrent<F> {
    /// PyTorch's tensors for this layer, whatever its kind and path.
    pub fn to_pytorch(&self) -> PyTorchLayer<F> {
        match self {
            Recurrent::Lstm(c) => c.to_pytorch(),
            Recurrent::LstmFast(c) => c.to_pytorch(),
            Recurrent::Gru(c) => gru_to_pytorch(c),
            Recurrent::GruFast(c) => gru_to_pytorch(&c.to_gru()),
            Recurrent::Rnn(c) => c.to_pytorch(),
            Recurrent::RnnFast(c) => c.to_rnn().to_pytorch(),
        }
    }

    /// The layer of `kind` that PyTorch's tensors `named` describe; the
    /// error names the tensor that is missing or has the wrong shape.
    pub fn from_pytorch(kind: CellKind, named: &Named<F>) -> Result<Self, ShapeError> {
        let p = PyTorchLayer::from_named(named)?;
        Ok(match kind {
            CellKind::Lstm => Recurrent::Lstm(Lstm::from_pytorch(&p)?),
            CellKind::LstmFast => Recurrent::LstmFast(FastLstm::from_pytorch(&p)?),
            CellKind::Gru => Recurrent::Gru(Gru::from_pytorch(&p)?),
            CellKind::GruFast => {
                Recurrent::GruFast(FastGru::from_gru(&Gru::from_pytorch(&p)?))
            }
            CellKind::Rnn => Recurrent::Rnn(VanillaRnn::from_pytorch(&p)?),
            CellKind::RnnFast => {
                Recurrent::RnnFast(FastRnn::from_rnn(&VanillaRnn::from_pytorch(&p)?))
            }
        })
    }
}

/// The models' GRUs are all in the reset-after form, which PyTorch computes.
fn gru_to_pytorch<F: FastMath>(gru: &Gru<F>) -> PyTorchLayer<F> {
    gru.to_pytorch()
        .expect("the models' GRUs are reset-after, as PyTorch's nn.GRU")
}
