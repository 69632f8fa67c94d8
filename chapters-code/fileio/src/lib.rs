//! Files the book's programs write: atomically (a reader never sees half a
//! file), the recorded results that the book's build renders, and the
//! command line shared by every program that records them.

mod args;
pub mod benchmarks;
mod write;

pub use args::RunArgs;
pub use write::{FileError, load_json, results_path, save_json, write_atomically};
