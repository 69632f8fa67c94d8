//! Chapter 3.4: making the three cells fast, step by step, without changing
//! what they compute. Every result is checked against the readable cells of
//! chapter 3.

pub mod fastmath;
pub mod gru;
pub mod lstm;
pub mod pack;
pub mod parallel;
pub mod rnn;
pub mod rows;

pub use gru::{FastGru, FastGruGrads, FastGruTrace};
pub use lstm::{FastLstm, FastLstmGrads, FastLstmTrace};
pub use rnn::{FastRnn, FastRnnGrads, FastRnnTrace};
