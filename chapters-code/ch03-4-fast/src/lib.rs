//! Chapter 3.4: making the LSTM fast, step by step, without changing what it
//! computes. Every result is checked against the readable cell of chapter 3.

pub mod fastmath;
pub mod lstm;
pub mod parallel;

pub use lstm::{FastLstm, FastLstmGrads, FastLstmTrace};
