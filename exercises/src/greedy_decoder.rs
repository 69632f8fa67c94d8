//! Exercise (section 4.2): greedy decoding for the encoder–decoder.
//!
//! The encoder LSTM reads the whole source; its last (h, C) is where the
//! decoder LSTM starts. The decoder first reads the token GO; at every step
//! the dense layer scores the VOCAB tokens from the decoder's new h, the
//! most likely token is the answer of that step, and it is what the decoder
//! reads at the next step. A sequence is finished when its answer is EOS.

use ndarray::Array2;
use seq2seq::model::Seq2Seq;

/// Greedy decoding of every column of `source` (T_in, B): source tokens are
/// digits 0–9 (`seq2seq::task`), one sequence per column.
///
/// Returns one `Vec` of tokens per column: the answers of the decoder, in
/// order, up to and *without* the first EOS, and at most `max_steps` of them
/// (a sequence that never writes EOS stops after `max_steps` tokens). The
/// decoder keeps running for the batch until every sequence has written EOS
/// or `max_steps` steps are done; what a finished sequence answers later is
/// not part of its result.
///
/// Use the model's parts: `model.encoder.forward`, `model.decoder.step`,
/// `model.dense.forward`, and `seq2seq::task::{one_hot, GO, EOS}`.
pub fn greedy(model: &Seq2Seq<f64>, source: &Array2<usize>, max_steps: usize) -> Vec<Vec<usize>> {
    todo!("write greedy decoding (hint: exercises/hints/greedy_decoder.md)")
}
