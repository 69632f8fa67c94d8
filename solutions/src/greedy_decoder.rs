//! Solution: the chapter's own `Seq2Seq::greedy`.

use ndarray::Array2;
use seq2seq::model::Seq2Seq;

/// See the exercise's contract in exercises/src/greedy_decoder.rs.
pub fn greedy(
    model: &Seq2Seq<f64>,
    source: &Array2<usize>,
    max_steps: usize,
) -> Vec<Vec<usize>> {
    model.greedy(source, max_steps)
}
