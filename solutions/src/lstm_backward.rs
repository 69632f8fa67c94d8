//! Solution: the chapter's own `Lstm::step_backward`.

use lstm::{Lstm, LstmStep};
use ndarray::{Array2, ArrayView2};

// Eight arguments, as the exercise's contract has them.
#[allow(clippy::too_many_arguments)]
/// See the exercise's contract in exercises/src/lstm_backward.rs.
pub fn step_backward(
    cell: &Lstm<f64>,
    x_t: ArrayView2<f64>,
    h_prev: ArrayView2<f64>,
    c_prev: ArrayView2<f64>,
    step: &LstmStep<f64>,
    dh_t: ArrayView2<f64>,
    dc_t: ArrayView2<f64>,
    grads: &mut Lstm<f64>,
) -> (Array2<f64>, Array2<f64>, Array2<f64>) {
    cell.step_backward(x_t, h_prev, c_prev, step, dh_t, dc_t, grads)
}
