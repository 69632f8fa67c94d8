//! Files the book's programs write: atomically (a reader never sees half a
//! file), the recorded results that the book's build renders, the
//! command line shared by every program that records them, and how every
//! program reports an error ([`report`]).

mod args;
pub mod benchmarks;
pub mod determinism;
pub mod help;
pub mod output;
pub mod provenance;
mod report;
pub mod user_error;
mod write;

pub use args::{RunArgs, ThreadsArg};
pub use provenance::{Machine, Provenance};
pub use report::{report, report_error, write_error};
pub use write::{FileError, load_json, results_path, save_json, write_atomically};
