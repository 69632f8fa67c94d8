//! Solution: the chapter's own `Gru::step_backward` (which computes either
//! form; the exercise asks for the reset-after one).

use gru::{Gru, GruStep};
use ndarray::{Array2, ArrayView2};

/// See the exercise's contract in exercises/src/gru_backward.rs.
pub fn step_backward(
    cell: &Gru<f64>,
    x_t: ArrayView2<f64>,
    h_prev: ArrayView2<f64>,
    step: &GruStep<f64>,
    dh_t: ArrayView2<f64>,
    grads: &mut Gru<f64>,
) -> (Array2<f64>, Array2<f64>) {
    cell.step_backward(x_t, h_prev, step, dh_t, grads)
}
