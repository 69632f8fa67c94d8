//! Converting to and from PyTorch's layout.
//!
//! PyTorch's `nn.RNN` keeps `weight_ih_l0` (H, D), `weight_hh_l0` (H, H) and
//! two biases, `bias_ih_l0` and `bias_hh_l0` (H each), whose sum is this
//! book's single `b_h`. The output layer is a separate `nn.Linear`, whose
//! `weight` (O, H) and `bias` (O) are a [`Dense`](layers::Dense) layer's `w` and `b`.

use ndarray::Array1;
use numeric::Scalar;
use numeric::pytorch::{ShapeError, expect_shape};

use crate::VanillaRnn;

/// `nn.RNN(D, H, nonlinearity='tanh')`'s parameters, as PyTorch stores them.
pub type PyTorchRnn<F> = numeric::pytorch::PyTorchLayer<F>;

impl<F: Scalar> VanillaRnn<F> {
    /// The layer PyTorch's tensors describe (the two biases are added).
    pub fn from_pytorch(p: &PyTorchRnn<F>) -> Result<Self, ShapeError> {
        let hidden = p.weight_ih_l0.nrows();
        expect_shape("weight_hh_l0", p.weight_hh_l0.shape(), &[hidden, hidden])?;
        expect_shape("bias_ih_l0", p.bias_ih_l0.shape(), &[hidden])?;
        expect_shape("bias_hh_l0", p.bias_hh_l0.shape(), &[hidden])?;
        Ok(VanillaRnn {
            w_xh: p.weight_ih_l0.clone(),
            w_hh: p.weight_hh_l0.clone(),
            b_h: &p.bias_ih_l0 + &p.bias_hh_l0,
        })
    }

    /// PyTorch's tensors for this layer (the whole bias goes to `bias_ih_l0`).
    pub fn to_pytorch(&self) -> PyTorchRnn<F> {
        PyTorchRnn {
            weight_ih_l0: self.w_xh.clone(),
            weight_hh_l0: self.w_hh.clone(),
            bias_ih_l0: self.b_h.clone(),
            bias_hh_l0: Array1::zeros(self.b_h.len()),
        }
    }
}
