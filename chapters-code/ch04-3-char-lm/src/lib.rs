//! Chapter 4.3: text generation, runnable.
//!
//! The article calls its IMDB classifier a "text generation" model; this
//! section builds one. An LSTM reads text one character at a time and
//! predicts the next ([`model`]); it is trained on the Rust standard
//! library's source ([`rust_src`], [`corpus`]; the quick form on this
//! book's pages) with truncated backpropagation through time
//! ([`train`]), measured by its perplexity on held-out text against a
//! unigram baseline, and it writes new text by sampling at a temperature
//! ([`model::CharLm::sample`]).
//! A count-based baseline, interpolated Kneser–Ney n-grams, is in [`ngram`].

pub mod corpus;
pub mod diagram;
pub mod experiment;
pub mod figures;
pub mod findings;
pub mod model;
pub mod ngram;
pub mod rust_src;
pub mod suite;
pub mod train;
pub mod units;
