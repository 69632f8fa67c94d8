//! The graders: one module per exercise, each a list of checks named
//! `check_1_…`, `check_2_…` in the order a learner should meet them.
//! `cargo xtask exercises NAME` runs one module and reports the first check
//! that fails, in words; every check panics with a message meant to be read
//! by the learner (which tensor, which element, yours against expected).

mod check;

mod adam;
mod bidirectional;
mod clip_global_norm;
mod greedy_decoder;
mod gru_backward;
mod lstm_backward;
mod masked_loss;
mod peephole_lstm;
mod vanilla_backward;
