//! Chapter 6: the experiments that answer the article's four questions.
//!
//! * Q1, why gradients vanish: [`distance`] measures ‖∂L/∂h_t‖ against the
//!   distance T − t for every cell, [`q1_gradients`] runs the measurements
//!   (at initialisation, after training, a sweep of the recurrent gain, and
//!   clipping on an exploding run).
//! * Q2 and Q3, LSTM versus GRU and how to choose: [`adding`] is the adding
//!   problem, [`regressor`] the model that reads a sequence and answers one
//!   number, [`train`] its training loop, [`q2_adding`] the sweep over
//!   sequence lengths, cells and seeds.
//! * Q4, padding and truncation: [`q4_padding`] trains chapter 4's model
//!   with every padding, masking and truncation choice at several lengths.
//!
//! Every experiment writes its results as JSON ([`record`]); [`figures`] and
//! [`tables`] draw the book's figures and tables from those files.

/// The adding problem's batches, from the crate shared with chapter 5.
pub use adding_problem::batch as adding;
pub mod distance;
pub mod figures;
pub mod q1_gradients;
pub mod q2_adding;
pub mod q4_padding;
pub mod record;
pub mod regressor;
pub mod suite;
pub mod tables;
pub mod train;
