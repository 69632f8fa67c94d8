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
        "{path}: not an archive this book knows ({size} bytes, where {expected}): a copy cut short, or another file"
    )]
    UnknownArchive {
        path: PathBuf,
        size: u64,
        /// The names and sizes of the archives the book knows.
        expected: String,
    },
    /// The server could not be reached: no network, a wrong host, a connection refused or timed out.
    #[error(
        "cannot download {url}: {reason}.\n  Run the command again to retry. Without network access, get aclImdb_v1.tar.gz elsewhere\n  and pass it with --archive FILE, or put it at {fallback}\n  (or pass --data-dir with an extracted aclImdb folder)"
    )]
    Unreachable {
        url: String,
        reason: String,
        fallback: PathBuf,
    },
    /// The server answered with an HTTP error status.
    #[error(
        "the server answered {status} for {url}.\n  Check the address given to --url, or get the archive elsewhere and pass it with --archive FILE"
    )]
    HttpStatus { url: String, status: String },
    /// The transfer started and stopped before its end: a stall or a closed connection.
    #[error(
        "the download of {url} stopped after {received} bytes{of}: {reason}.\n  Run the command again to retry (the download starts afresh), or get the archive elsewhere\n  and pass it with --archive FILE, which works offline"
    )]
    Interrupted {
        url: String,
        received: u64,
        /// `" of N"` when the server announced the size, else empty.
        of: String,
        reason: String,
    },
    /// Any other failure of the request (a malformed address, a protocol error).
    #[error("cannot download {url}: {reason}")]
    Download { url: String, reason: String },
    /// The cache folder cannot be created or written.
    #[error(
        "{path}: cannot use this folder as the data cache: {source}.\n  Pass --cache with a folder you can write to, or set RNN_BOOK_DATA"
    )]
    CacheFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An archive in the cache that is not a good copy of the dataset.
    #[error(
        "{path}: the archive in the cache is not a good copy of the dataset.\n  Delete this file and run again to download it afresh, or pass --archive with a good copy"
    )]
    DamagedCache {
        path: PathBuf,
        #[source]
        cause: Box<DataError>,
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
