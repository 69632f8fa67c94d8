//! The IMDB reviews as numbers (chapter 4): find or download the Large
//! Movie Review Dataset and cache it, load the reviews, tokenize them, build
//! the vocabulary, pad the sequences, and prepare the arrays a model trains on.

pub mod archive;
pub mod cache;
pub mod dataset;
pub mod download;
pub mod error;
pub mod loader;
pub mod pad;
pub mod prepare;
pub mod tokenize;
pub mod vocab;
