//! The reference solutions of the exercises in ../exercises, module for
//! module and signature for signature. Where the book already has the code
//! (a cell's `step_backward`, Adam, gradient clipping, greedy decoding) the
//! solution is a call of it; what the book does not have (the peephole LSTM,
//! the bidirectional layer, the masked loss) is written here.
//!
//! `cargo xtask exercises verify` grades these, and checks that the graders
//! fail on the stubs. A teacher hands out the repository without this folder.

pub mod adam;
pub mod bidirectional;
pub mod clip_global_norm;
pub mod greedy_decoder;
pub mod gru_backward;
pub mod lstm_backward;
pub mod masked_loss;
pub mod peephole_lstm;
pub mod vanilla_backward;
