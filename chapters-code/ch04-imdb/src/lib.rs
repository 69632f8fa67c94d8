//! Chapter 4: sentiment classification of IMDB reviews, the article's worked
//! example built for real. The data pipeline is the crate `imdb-data`, the
//! classifier and its training the crate `sentiment`; this crate holds the
//! `imdb` program and the chapter's figures and tables.

pub mod figures;
