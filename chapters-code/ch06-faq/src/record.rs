//! Results files: every experiment writes one JSON file, the book's build
//! reads it back to draw the figures and tables.

use std::path::Path;

use anyhow::Result;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Where an experiment's results were made (the command line, commit, date
/// and machine, as every results file records them), and whether it was
/// the quick form.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    #[serde(flatten)]
    pub made: fileio::Provenance,
    /// `true` for a `--quick` run (small sizes, for CI), `false` for the book's.
    pub quick: bool,
}

/// Write `value` as pretty JSON, atomically (a temporary file, then a rename).
pub fn save<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    Ok(fileio::save_json(path, value)?)
}

/// Read a results file written by [`save`].
pub fn load<T: DeserializeOwned>(path: &Path, what: &str) -> Result<T> {
    Ok(fileio::load_json(path, what)?)
}
