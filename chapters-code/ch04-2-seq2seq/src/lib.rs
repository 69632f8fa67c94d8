//! Chapter 4.2: sequence to sequence, runnable.
//!
//! An LSTM *encoder* reads a string of digits; its last hidden and cell
//! states start an LSTM *decoder*, which writes the string reversed, one
//! digit per step, then an end marker. Training feeds the decoder the true
//! previous digit (teacher forcing); decoding feeds it its own previous
//! answer (greedy). The task is made by [`task`], so every answer can be
//! checked by eye and exactly.
//!
//! [`softmax`] (a dense layer's scores → probabilities → cross-entropy) is
//! shared with the character language model of section 4.3.
//!
//! [`attention`] adds additive attention (Bahdanau, Cho and Bengio, 2015):
//! the decoder looks back at every encoder state at every step.

pub mod attention;
pub mod attention_backward;
pub mod attention_figure;
pub mod attention_layer;
pub mod attention_train;
pub mod beam;
pub mod beam_eval;
pub mod bottleneck;
pub mod bottleneck_figures;
pub mod experiment;
pub mod figures;
pub mod model;
pub mod suite;
pub mod task;
pub mod train;
