//! The embedding layer: a lookup table whose gradient touches only the rows used.

use std::collections::HashMap;

use ndarray::{Array1, Array2, Array3, ArrayView2, ArrayView3, Axis};
use numeric::Scalar;
use numeric::init::uniform;
use rand::Rng;

/// `Embedding(num_words, dim)`: row `id` of `table` is the vector of word `id`.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedding<F> {
    /// (num_words, dim).
    pub table: Array2<F>,
}

numeric::params! { Embedding { table } }

/// The gradient of an embedding table: only the rows some id used.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbeddingGrad<F> {
    /// The ids used, in order of first use.
    pub rows: Vec<u32>,
    /// (rows.len(), dim): the gradient of each used row.
    pub values: Array2<F>,
}

impl<F: Scalar> Embedding<F> {
    /// A table uniform on (−0.05, 0.05), Keras's default for `Embedding`.
    pub fn new(num_words: usize, dim: usize, rng: &mut impl Rng) -> Self {
        Embedding {
            table: uniform((num_words, dim), 0.05, rng),
        }
    }

    // ANCHOR: forward
    /// Look up `ids` (B, T) and return the vectors time-major, (T, B, dim),
    /// the layout the recurrent cells read.
    pub fn forward(&self, ids: ArrayView2<u32>) -> Array3<F> {
        let (batch, steps) = ids.dim();
        let mut x = Array3::zeros((steps, batch, self.table.ncols()));
        for ((b, t), id) in ids.indexed_iter() {
            x.index_axis_mut(Axis(0), t)
                .row_mut(b)
                .assign(&self.table.row(self.row(*id)));
        }
        x
    }
    // ANCHOR_END: forward

    // ANCHOR: backward
    /// Given dL/dx (T, B, dim) for the vectors `forward` returned, add each
    /// step's gradient to the row its id came from.
    pub fn backward(&self, ids: ArrayView2<u32>, dx: ArrayView3<F>) -> EmbeddingGrad<F> {
        let mut slot: HashMap<u32, usize> = HashMap::new();
        let mut rows = Vec::new();
        let mut values: Vec<Array1<F>> = Vec::new();
        for ((b, t), id) in ids.indexed_iter() {
            let k = *slot.entry(*id).or_insert_with(|| {
                rows.push(*id);
                values.push(Array1::zeros(self.table.ncols()));
                rows.len() - 1
            });
            values[k] += &dx.index_axis(Axis(0), t).row(b);
        }
        let dim = self.table.ncols();
        let flat: Vec<F> = values.into_iter().flatten().collect();
        let values =
            Array2::from_shape_vec((rows.len(), dim), flat).expect("rows × dim values");
        EmbeddingGrad { rows, values }
    }
    // ANCHOR_END: backward

    fn row(&self, id: u32) -> usize {
        let row = id as usize;
        assert!(
            row < self.table.nrows(),
            "id {id} is outside the embedding's {} rows",
            self.table.nrows()
        );
        row
    }
}

impl<F: Scalar> EmbeddingGrad<F> {
    /// The same gradient as a full (num_words, dim) matrix (for checks).
    pub fn to_dense(&self, num_words: usize) -> Array2<F> {
        let mut dense = Array2::zeros((num_words, self.values.ncols()));
        for (k, row) in self.rows.iter().enumerate() {
            dense.row_mut(*row as usize).assign(&self.values.row(k));
        }
        dense
    }
}
