//! Solution: the chapter's own `VanillaRnn::step_backward`.

use ndarray::{Array2, ArrayView2};
use vanilla_rnn::VanillaRnn;

/// See the exercise's contract in exercises/src/vanilla_backward.rs.
pub fn step_backward(
    cell: &VanillaRnn<f64>,
    x_t: ArrayView2<f64>,
    h_prev: ArrayView2<f64>,
    h_t: ArrayView2<f64>,
    dh_t: ArrayView2<f64>,
    grads: &mut VanillaRnn<f64>,
) -> (Array2<f64>, Array2<f64>) {
    cell.step_backward(x_t, h_prev, h_t, dh_t, grads)
}
