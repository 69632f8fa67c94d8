//! What can go wrong getting the data: every error names the file or address
//! involved and what was expected there.

use std::path::PathBuf;

/// An error reading, verifying, extracting or downloading the IMDB data.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error(
        "{path}: expected the folder of the Large Movie Review Dataset here ({expected})"
    )]
    MissingFolder { path: PathBuf, expected: String },
    #[error("{path}: review files must be named <id>_<rating>.txt")]
    BadFileName { path: PathBuf },
    #[error("{path}: not valid UTF-8 text (byte {byte}); the IMDB reviews are UTF-8")]
    NotUtf8 { path: PathBuf, byte: usize },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: size {found} bytes, expected {expected} bytes for {name}")]
    Size {
        path: PathBuf,
        name: String,
        found: u64,
        expected: u64,
    },
    #[error(
        "{path}: sha256 {found}, expected {expected} for {name}: the file is damaged or not the dataset"
    )]
    Checksum {
        path: PathBuf,
        name: String,
        found: String,
        expected: String,
    },
    #[error(
        "{path}: not an archive this book knows (size {size} bytes); expected aclImdb_v1.tar.gz or aclImdb_v1_labeled.tar.gz"
    )]
    UnknownArchive { path: PathBuf, size: u64 },
    #[error(
        "cannot download {url}: {reason}.\n  Without network access, get aclImdb_v1.tar.gz elsewhere and put it at {fallback}\n  (or pass --data-dir with an extracted aclImdb folder, or --archive with the archive)"
    )]
    Download {
        url: String,
        reason: String,
        fallback: PathBuf,
    },
    #[error(
        "{path}: the archive has no {missing} folder; it is not the Large Movie Review Dataset"
    )]
    IncompleteArchive { path: PathBuf, missing: String },
    /// A preprocessing setting out of its range (found before any file is read).
    #[error("{problem}")]
    Setting { problem: String },
}

/// `map_err` helper: an I/O error at `path`.
pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> DataError {
    let path = path.into();
    move |source| DataError::Io { path, source }
}
