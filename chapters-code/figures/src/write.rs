//! Writing a file so that a reader never sees half of it.

use std::io::Write;
use std::path::Path;

use crate::FigureError;

/// Write `bytes` to `path` through a temporary file in the same folder and a
/// rename, creating the folder if needed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FigureError> {
    let io = |source| FigureError::Io {
        path: path.display().to_string(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("figure");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut file = std::fs::File::create(&tmp).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
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
pub fn save_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<(), FigureError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| FigureError::Json {
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
) -> Result<T, FigureError> {
    let text = std::fs::read_to_string(path).map_err(|source| FigureError::Io {
        path: path.display().to_string(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| FigureError::Json {
        path: path.display().to_string(),
        reason: format!("not a results file of {what}: {e}"),
    })
}
