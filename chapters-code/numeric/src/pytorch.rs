//! PyTorch's layout of a recurrent layer's tensors.
//!
//! PyTorch keeps a layer's input weights as one `weight_ih_l0` with one
//! block of H rows per gate (G·H, D), its recurrent weights as
//! `weight_hh_l0` (G·H, H), and two biases (G·H each) whose sum is this
//! book's one bias per gate. The three cells convert with [`split_gates`]
//! and [`stack_gates`] from here.

use ndarray::{Array1, Array2, Axis, concatenate};

use crate::Scalar;

/// A tensor from PyTorch does not have the shape the cell needs.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("PyTorch tensor {tensor} has shape {found:?}, expected {expected}")]
pub struct ShapeError {
    pub tensor: String,
    pub found: Vec<usize>,
    pub expected: String,
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
