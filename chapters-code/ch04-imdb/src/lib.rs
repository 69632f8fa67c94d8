//! Chapter 4: sentiment classification of IMDB reviews, the article's worked
//! example built for real. The data pipeline is the crate `imdb-data`, the
//! classifier and its training the crate `sentiment`; this crate holds the
//! `imdb` program, the chapter's figures and tables, and the paired
//! comparison of its models on the test set, the bag-of-words baseline and
//! the final model of "Putting it together" ([`deep`]).

pub mod bow;
pub mod bow_train;
pub mod deep;
pub mod deep_train;
pub mod figures;
pub mod paired;
pub mod together;
