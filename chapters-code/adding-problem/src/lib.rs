//! The adding problem, shared by chapter 5 (the minGRU) and chapter 6 (the
//! vanilla RNN, the LSTM and the GRU): [`batch`] draws its sequences,
//! [`settings`] holds the lengths, seeds and sizes of the book's runs, and
//! [`train`] is the training loop, for any model that answers one number
//! per sequence ([`train::AddingModel`]).

pub mod batch;
pub mod settings;
pub mod train;
