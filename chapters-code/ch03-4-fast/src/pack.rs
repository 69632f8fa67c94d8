//! Packing: the per-gate matrices of chapter 3, (H, D) each and applied as
//! W x, become the column blocks of one (D, G·H) matrix applied as x W, so
//! that one product computes every gate.

use ndarray::{Array1, Array2, Axis, concatenate, s};
use numeric::Scalar;

/// The blocks (H, D) each, transposed and side by side: (D, blocks·H).
pub fn columns<F: Scalar>(blocks: &[&Array2<F>]) -> Array2<F> {
    let views: Vec<_> = blocks.iter().map(|b| b.t()).collect();
    concatenate(Axis(1), &views).expect("gate blocks have the same shape")
}

/// The biases one after the other: (blocks·H).
pub fn biases<F: Scalar>(blocks: &[&Array1<F>]) -> Array1<F> {
    let views: Vec<_> = blocks.iter().map(|b| b.view()).collect();
    concatenate(Axis(0), &views).expect("biases concatenate")
}

/// Column block `g` of a packed matrix, back in chapter 3's (H, D) layout.
pub fn block<F: Scalar>(w: &Array2<F>, g: usize, hidden: usize) -> Array2<F> {
    w.slice(s![.., g * hidden..(g + 1) * hidden]).t().to_owned()
}

/// Part `g` of a packed bias.
pub fn bias<F: Scalar>(b: &Array1<F>, g: usize, hidden: usize) -> Array1<F> {
    b.slice(s![g * hidden..(g + 1) * hidden]).to_owned()
}
