//! The review classifier of chapter 4 (embedding, a recurrent layer, a
//! dense output; the article's per-step head and its two corrections), its
//! training loop, a run as the command line describes it, checkpoints, and
//! which tokens moved a prediction.

pub mod checkpoint;
pub mod explain;
pub mod header;
pub mod interrupt;
pub mod lock;
pub mod model;
mod resume;
pub mod run;
pub mod scores;
pub mod train;
pub mod train_config;
mod trained;
pub mod vocab_file;
