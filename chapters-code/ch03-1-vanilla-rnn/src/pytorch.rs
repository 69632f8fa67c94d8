//! Converting to and from PyTorch's layout.
//!
//! PyTorch's `nn.RNN` keeps `weight_ih_l0` (H, D), `weight_hh_l0` (H, H) and
//! two biases, `bias_ih_l0` and `bias_hh_l0` (H each), whose sum is this
//! book's single `b_h`.

use ndarray::{Array1, Array2};
use numeric::Scalar;
use numeric::pytorch::{ShapeError, expect_shape};

use crate::VanillaRnn;

/// `nn.RNN(D, H, nonlinearity='tanh')` followed by `nn.Linear(H, O)`, as PyTorch stores them.
#[derive(Debug, Clone, PartialEq)]
pub struct PyTorchRnn<F> {
    pub weight_ih_l0: Array2<F>,
    pub weight_hh_l0: Array2<F>,
    pub bias_ih_l0: Array1<F>,
    pub bias_hh_l0: Array1<F>,
    pub linear_weight: Array2<F>,
    pub linear_bias: Array1<F>,
}

impl<F: Scalar> VanillaRnn<F> {
    /// The layer PyTorch's tensors describe (the two biases are added).
    pub fn from_pytorch(p: &PyTorchRnn<F>) -> Result<Self, ShapeError> {
        let (hidden, input) = p.weight_ih_l0.dim();
        let output = p.linear_weight.nrows();
        expect_shape("weight_hh_l0", p.weight_hh_l0.shape(), &[hidden, hidden])?;
        expect_shape("bias_ih_l0", p.bias_ih_l0.shape(), &[hidden])?;
        expect_shape("bias_hh_l0", p.bias_hh_l0.shape(), &[hidden])?;
        expect_shape("linear.weight", p.linear_weight.shape(), &[output, hidden])?;
        expect_shape("linear.bias", p.linear_bias.shape(), &[output])?;
        let _ = input;
        Ok(VanillaRnn {
            w_xh: p.weight_ih_l0.clone(),
            w_hh: p.weight_hh_l0.clone(),
            b_h: &p.bias_ih_l0 + &p.bias_hh_l0,
            w_hy: p.linear_weight.clone(),
            b_y: p.linear_bias.clone(),
        })
    }

    /// PyTorch's tensors for this layer (the whole bias goes to `bias_ih_l0`).
    pub fn to_pytorch(&self) -> PyTorchRnn<F> {
        PyTorchRnn {
            weight_ih_l0: self.w_xh.clone(),
            weight_hh_l0: self.w_hh.clone(),
            bias_ih_l0: self.b_h.clone(),
            bias_hh_l0: Array1::zeros(self.b_h.len()),
            linear_weight: self.w_hy.clone(),
            linear_bias: self.b_y.clone(),
        }
    }
}
