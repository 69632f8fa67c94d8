//! How much arithmetic training costs: floating-point operations of the
//! recurrent layer's matrix products, forward and backward.
//!
//! A cell with `g` gates (4 for the LSTM, 3 for the GRU, 1 for the vanilla
//! layer) computes, at every step and for every sequence of the batch, g·H
//! pre-activations, each a dot product with the input (D terms) and with the
//! previous state (H terms): g·H·(D + H) multiply–adds, that is
//! 2·g·H·(D + H) floating-point operations. The backward pass does the same
//! products twice more — once for the weight gradients, once for the
//! gradients of the inputs and of the previous state — so one training step
//! costs three times the forward pass. The element-wise gate arithmetic,
//! the embedding, the dense layer and Adam are left out: at the article's
//! sizes they are a few per cent of the total.

use recurrent::CellKind;

/// Gates per cell: the number of (H, D) and (H, H) weight matrices.
pub fn gates(cell: CellKind) -> u64 {
    match cell {
        CellKind::Lstm | CellKind::LstmFast => 4,
        CellKind::Gru | CellKind::GruFast => 3,
        CellKind::Rnn | CellKind::RnnFast => 1,
    }
}

// ANCHOR: flops
/// Floating-point operations of the recurrent layer's matrix products in
/// one training step (forward and backward) over `sequences` sequences of
/// `steps` steps, with input size `input` and hidden size `hidden`.
pub fn training_flops(
    cell: CellKind,
    sequences: u64,
    steps: u64,
    input: u64,
    hidden: u64,
) -> u64 {
    let forward = 2 * gates(cell) * hidden * (input + hidden) * steps * sequences;
    3 * forward
}
// ANCHOR_END: flops
