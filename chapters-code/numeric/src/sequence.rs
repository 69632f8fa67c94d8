//! Shape rules shared by every cell's sequence loop.
//!
//! A batch of sequences is a 3-D array `x` of shape (T, B, D): time first,
//! then the batch, then the input features. A state is (B, H). Shapes that
//! do not fit are programmer errors: these functions panic with a message
//! that names every shape involved.

use ndarray::{Array2, ArrayView2, ArrayView3};

use crate::Scalar;

/// Check that `x` is (T, B, `input`) with T ≥ 1, and return (T, B).
pub fn check_input<F>(cell: &str, x: &ArrayView3<F>, input: usize) -> (usize, usize) {
    let (steps, batch, features) = x.dim();
    assert!(
        steps >= 1 && batch >= 1,
        "{cell}: x has shape {:?}; it needs at least one step and one sequence",
        x.dim()
    );
    assert_eq!(
        features,
        input,
        "{cell}: x has shape {:?} (T, B, D) but the cell's input size is {input}",
        x.dim()
    );
    (steps, batch)
}

/// The initial state: `given` if there is one (checked to be (B, H)), else zeros.
pub fn initial_state<F: Scalar>(
    cell: &str,
    name: &str,
    given: Option<ArrayView2<F>>,
    batch: usize,
    hidden: usize,
) -> Array2<F> {
    match given {
        Some(state) => {
            check_state(cell, name, &state, batch, hidden);
            state.to_owned()
        }
        None => Array2::zeros((batch, hidden)),
    }
}

/// Check that a state (or a state's gradient) is (B, H).
pub fn check_state<F>(
    cell: &str,
    name: &str,
    state: &ArrayView2<F>,
    batch: usize,
    hidden: usize,
) {
    assert_eq!(
        state.dim(),
        (batch, hidden),
        "{cell}: {name} has shape {:?} but (B, H) = ({batch}, {hidden})",
        state.dim()
    );
}

/// Check that a per-step gradient is (T, B, H) like the states it belongs to.
pub fn check_step_gradient<F>(
    cell: &str,
    name: &str,
    grad: &ArrayView3<F>,
    expected: (usize, usize, usize),
) {
    assert_eq!(
        grad.dim(),
        expected,
        "{cell}: {name} has shape {:?} but the forward pass produced {expected:?}",
        grad.dim()
    );
}
