//! One-hot vectors: token ids as the inputs a recurrent layer reads.

use ndarray::{Array3, ArrayView2};
use numeric::Scalar;

/// One-hot vectors (T, B, `vocab`) of ids (T, B): 1 at each id, 0 elsewhere.
pub fn one_hot<F: Scalar>(ids: ArrayView2<usize>, vocab: usize) -> Array3<F> {
    let (steps, batch) = ids.dim();
    let mut x = Array3::zeros((steps, batch, vocab));
    for ((t, b), &id) in ids.indexed_iter() {
        assert!(
            id < vocab,
            "one_hot: id {id} outside a vocabulary of {vocab}"
        );
        x[[t, b, id]] = F::one();
    }
    x
}
