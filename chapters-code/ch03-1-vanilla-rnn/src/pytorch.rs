//! Converting to and from PyTorch's layout.
//!
//! PyTorch's `nn.RNN` keeps `weight_ih_l0` (H, D), `weight_hh_l0` (H, H) and
//! two biases, `bias_ih_l0` and `bias_hh_l0` (H each), whose sum is this
//! book's single `b_h`; the output layer is a separate `nn.Linear` with
//! `weight` (O, H) and `bias` (O). The LSTM and GRU crates pack their gates
//! the same way, one block of H rows per gate, and use [`split_gates`] and
//! [`stack_gates`] from here.

use ndarray::{Array1, Array2, Axis, concatenate};

use crate::{Scalar, VanillaRnn};

/// A tensor from PyTorch does not have the shape the cell needs.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("PyTorch tensor {tensor} has shape {found:?}, expected {expected}")]
pub struct ShapeError {
    pub tensor: String,
    pub found: Vec<usize>,
    pub expected: String,
}

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

/// `Ok` if `found` is `expected`, else an error naming the tensor.
pub fn expect_shape(
    tensor: &str,
    found: &[usize],
    expected: &[usize],
) -> Result<(), ShapeError> {
    if found == expected {
        Ok(())
    } else {
        Err(ShapeError {
            tensor: tensor.to_owned(),
            found: found.to_vec(),
            expected: format!("{expected:?}"),
        })
    }
}

/// Split a packed (gates·H, cols) matrix into `gates` blocks of (H, cols).
pub fn split_gates<F: Scalar>(
    tensor: &str,
    packed: &Array2<F>,
    gates: usize,
    hidden: usize,
) -> Result<Vec<Array2<F>>, ShapeError> {
    if packed.nrows() != gates * hidden {
        return Err(ShapeError {
            tensor: tensor.to_owned(),
            found: packed.shape().to_vec(),
            expected: format!("[{gates}·{hidden}, _] (gates × hidden rows)"),
        });
    }
    Ok((0..gates)
        .map(|g| {
            packed
                .slice(ndarray::s![g * hidden..(g + 1) * hidden, ..])
                .to_owned()
        })
        .collect())
}

/// Split a packed bias of length gates·H into `gates` vectors of length H.
pub fn split_bias<F: Scalar>(
    tensor: &str,
    packed: &Array1<F>,
    gates: usize,
    hidden: usize,
) -> Result<Vec<Array1<F>>, ShapeError> {
    if packed.len() != gates * hidden {
        return Err(ShapeError {
            tensor: tensor.to_owned(),
            found: packed.shape().to_vec(),
            expected: format!("[{gates}·{hidden}]"),
        });
    }
    Ok((0..gates)
        .map(|g| {
            packed
                .slice(ndarray::s![g * hidden..(g + 1) * hidden])
                .to_owned()
        })
        .collect())
}

/// Stack gate blocks (H, cols) into one packed (gates·H, cols) matrix.
pub fn stack_gates<F: Scalar>(blocks: &[&Array2<F>]) -> Array2<F> {
    let views: Vec<_> = blocks.iter().map(|b| b.view()).collect();
    concatenate(Axis(0), &views)
        .expect("gate blocks of one cell have the same number of columns")
}

/// Concatenate gate biases into one packed vector.
pub fn stack_bias<F: Scalar>(blocks: &[&Array1<F>]) -> Array1<F> {
    let views: Vec<_> = blocks.iter().map(|b| b.view()).collect();
    concatenate(Axis(0), &views).expect("vectors always concatenate")
}
