//! Chapter 4: sentiment classification of IMDB reviews, the article's worked
//! example built for real: the data (loader, download, cache), the
//! preprocessing (tokenizer, vocabulary, padding), the layers (embedding,
//! dense, loss, Adam), the three model variants, and training.

pub mod ablation;
pub mod adam;
pub mod archive;
pub mod checkpoint;
pub mod compare;
pub mod dataset;
pub mod dense;
pub mod download;
pub mod embedding;
pub mod error;
pub mod explain;
pub mod figures;
pub mod flops;
pub mod loader;
pub mod loss;
pub mod model;
pub mod pad;
pub mod prepare;
pub mod recurrent;
pub mod run;
pub mod speed_figures;
pub mod speedcheck;
pub mod tokenize;
pub mod train;
pub mod vocab;
