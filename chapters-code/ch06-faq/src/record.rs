//! Results files: every experiment writes one JSON file, the book's build
//! reads it back to draw the figures and tables.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Where an experiment's results were made, and by which command.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    /// The command line that made the file.
    pub command: String,
    /// A description of the machine.
    pub machine: String,
    /// `true` for a `--quick` run (small sizes, for CI), `false` for the book's.
    pub quick: bool,
}

/// Write `value` as pretty JSON, atomically (a temporary file, then a rename).
pub fn save<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(value)? + "\n";
    figures::write_atomically(path, text.as_bytes())?;
    Ok(())
}

/// Read a results file written by [`save`].
pub fn load<T: DeserializeOwned>(path: &Path, what: &str) -> Result<T> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the recorded results {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not a results file of {what}", path.display()))
}
