//! PyTorch's layout of a recurrent layer's tensors.
//!
//! PyTorch keeps a layer's input weights as one `weight_ih_l0` with one
//! block of H rows per gate (G·H, D), its recurrent weights as
//! `weight_hh_l0` (G·H, H), and two biases (G·H each) whose sum is this
//! book's one bias per gate. The three cells convert with [`split_gates`]
//! and [`stack_gates`] from here.

use ndarray::{Array1, Array2, Axis, Ix1, Ix2, concatenate};

use crate::params::Named;

use crate::Scalar;

/// A tensor from PyTorch does not have the shape the cell needs.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("PyTorch tensor {tensor} has shape {found:?}, expected {expected}")]
pub struct ShapeError {
    pub tensor: String,
    pub found: Vec<usize>,
    pub expected: String,
}

/// The tensors of one PyTorch recurrent layer (`nn.RNN`, `nn.LSTM` or
/// `nn.GRU`, one layer, one direction), under PyTorch's names: the input
/// weights (G·H, D), the recurrent weights (G·H, H) and two biases (G·H),
/// with G = 1, 4 or 3 gates.
#[derive(Debug, Clone, PartialEq)]
pub struct PyTorchLayer<F> {
    pub weight_ih_l0: Array2<F>,
    pub weight_hh_l0: Array2<F>,
    pub bias_ih_l0: Array1<F>,
    pub bias_hh_l0: Array1<F>,
}

crate::params! { PyTorchLayer { weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 } }

impl<F: Scalar> PyTorchLayer<F> {
    /// The four tensors, taken by name from `named` (a checkpoint's, say),
    /// each checked to be a matrix or a vector; the cells check the sizes.
    pub fn from_named(named: &Named<F>) -> Result<Self, ShapeError> {
        let get = |name: &str| {
            named.get(name).map_err(|e| ShapeError {
                tensor: name.to_owned(),
                found: Vec::new(),
                expected: e,
            })
        };
        let wrong = |name: &str, found: &[usize], expected: &str| ShapeError {
            tensor: name.to_owned(),
            found: found.to_vec(),
            expected: expected.to_owned(),
        };
        let matrix = |name: &str| {
            let t = get(name)?;
            t.clone()
                .into_dimensionality::<Ix2>()
                .map_err(|_| wrong(name, t.shape(), "a matrix"))
        };
        let vector = |name: &str| {
            let t = get(name)?;
            t.clone()
                .into_dimensionality::<Ix1>()
                .map_err(|_| wrong(name, t.shape(), "a vector"))
        };
        Ok(PyTorchLayer {
            weight_ih_l0: matrix("weight_ih_l0")?,
            weight_hh_l0: matrix("weight_hh_l0")?,
            bias_ih_l0: vector("bias_ih_l0")?,
            bias_hh_l0: vector("bias_hh_l0")?,
        })
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
