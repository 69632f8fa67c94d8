//! Finding the dataset: an extracted folder, an archive, the cache, or a download.

use std::path::{Path, PathBuf};

use crate::archive::{extract, labelled_only, official, verify};
use crate::download::{OFFICIAL_URL, download};
use crate::error::DataError;

/// The environment variable that names the cache folder.
pub const CACHE_VAR: &str = "RNN_BOOK_DATA";

/// Where to look for the data, from the command line.
#[derive(Debug, Clone, Default)]
pub struct DataOptions {
    /// An extracted copy: a folder that is, or contains, `aclImdb/`.
    pub data_dir: Option<PathBuf>,
    /// An archive to verify and extract (the official one or the labelled-only copy).
    pub archive: Option<PathBuf>,
    /// The cache folder (default: `$RNN_BOOK_DATA`, else `~/.cache/rnn-book`).
    pub cache: Option<PathBuf>,
    /// Where to download from when nothing is found (default: the official address).
    pub url: Option<String>,
    /// Draw a progress bar while downloading.
    pub progress: bool,
}

/// Where the dataset is, as a program's command line says it
/// (`--data-dir`, `--archive`, `--cache`, `--url`).
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// An extracted copy of the dataset (a folder that is, or contains, aclImdb/).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// The dataset archive (aclImdb_v1.tar.gz, or the labelled-only copy), verified and extracted into the cache.
    #[arg(long)]
    pub archive: Option<PathBuf>,
    /// The cache folder (default: $RNN_BOOK_DATA, else ~/.cache/rnn-book).
    #[arg(long)]
    pub cache: Option<PathBuf>,
    /// Download from this address instead of Stanford's.
    #[arg(long)]
    pub url: Option<String>,
}

impl DataArgs {
    /// The options these arguments give, with a progress bar for downloads.
    pub fn options(&self) -> DataOptions {
        DataOptions {
            data_dir: self.data_dir.clone(),
            archive: self.archive.clone(),
            cache: self.cache.clone(),
            url: self.url.clone(),
            progress: true,
        }
    }
}

/// The cache folder these options name.
pub fn cache_dir(options: &DataOptions) -> PathBuf {
    if let Some(cache) = &options.cache {
        return cache.clone();
    }
    if let Some(cache) = std::env::var_os(CACHE_VAR) {
        return PathBuf::from(cache);
    }
    let home = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from("."));
    home.join("rnn-book")
}

// ANCHOR: locate
/// The `aclImdb` folder: from `--data-dir`, else extracted from `--archive`,
/// else from the cache, else downloaded into the cache.
pub fn locate(options: &DataOptions) -> Result<PathBuf, DataError> {
    if let Some(dir) = &options.data_dir {
        let candidates = [dir.join("aclImdb"), dir.clone()];
        return candidates
            .into_iter()
            .find(|c| c.join("train").is_dir() && c.join("test").is_dir())
            .ok_or_else(|| DataError::MissingFolder {
                path: dir.clone(),
                expected: "an extracted aclImdb/ with train/ and test/".to_owned(),
            });
    }
    let cache = cache_dir(options);
    let known = [official(), labelled_only()];
    if let Some(archive) = &options.archive {
        verify(archive, &known)?;
        return extract(archive, &cache);
    }
    if cache.join("aclImdb").is_dir() {
        return Ok(cache.join("aclImdb"));
    }
    let cached = cache.join(&known[0].name);
    let archive = if cached.is_file() {
        cached
    } else {
        let url = options.url.as_deref().unwrap_or(OFFICIAL_URL);
        download(url, &cache, &known[0], options.progress)?
    };
    verify(&archive, &known)?;
    extract(&archive, &cache)
}
// ANCHOR_END: locate
