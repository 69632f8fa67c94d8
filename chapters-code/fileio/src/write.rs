//! Writing a file so that a reader never sees half of it, and the results
//! files that long runs record and the book's build reads.

use std::io::Write;
use std::path::Path;

/// A file could not be written, or a results file could not be read as JSON.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file or its folder could not be written or read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A results file could not be written or read as JSON.
    #[error("results file {path}: {reason}")]
    Json { path: String, reason: String },
}

/// Write `bytes` to `path` through a temporary file in the same folder and a
/// rename, creating the folder if needed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let io = |source| FileError::Io {
        path: path.display().to_string(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    });
    if written.is_err() {
        // Nothing half-written is left behind: not even the temporary file.
        let _ = std::fs::remove_file(&tmp);
    }
    written.map_err(io)
}

/// Where a program writes its results file `file` by default: under
/// `book/results/` (what the book shows), or under `target/quick/` for a
/// `--quick` run, which must never overwrite the recorded results.
pub fn results_path(quick: bool, file: &str) -> std::path::PathBuf {
    let dir = if quick {
        "target/quick"
    } else {
        "book/results"
    };
    Path::new(dir).join(file)
}

/// Write `value` as pretty JSON at `path`, atomically: the results files
/// that long runs record and the book's build draws from.
pub fn save_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<(), FileError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| FileError::Json {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    write_atomically(path, (text + "\n").as_bytes())
}

/// Read a results file written by [`save_json`]; `what` names the command
/// that writes it, for the error message.
pub fn load_json<T: serde::de::DeserializeOwned>(
    path: &Path,
    what: &str,
) -> Result<T, FileError> {
    let text = std::fs::read_to_string(path).map_err(|source| FileError::Io {
        path: path.display().to_string(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| FileError::Json {
        path: path.display().to_string(),
        reason: format!("not a results file of {what}: {e}"),
    })
}
