//! Finding the dataset: an extracted folder, an archive, the cache, or a download.

use std::path::{Path, PathBuf};

use crate::archive::{KnownArchive, extract, known_archives, verify};
use crate::cache::{CacheLock, remove_leftovers};
use crate::download::{OFFICIAL_URL, Timeouts, download};
use crate::error::DataError;

/// The environment variable that names the cache folder.
pub const CACHE_VAR: &str = "RNN_BOOK_DATA";

/// Where to look for the data, from the command line.
#[derive(Debug, Clone)]
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
    /// How long a download waits for the server.
    pub timeouts: Timeouts,
    /// The archives accepted, from `archive`, `url` or the cache (default:
    /// [`known_archives`], the official one and the labelled-only copy).
    pub known: Vec<KnownArchive>,
}

impl Default for DataOptions {
    fn default() -> Self {
        DataOptions {
            data_dir: None,
            archive: None,
            cache: None,
            url: None,
            progress: false,
            timeouts: Timeouts::default(),
            known: known_archives(),
        }
    }
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
    /// Download from this address instead of Stanford's (the official archive or the labelled-only copy, checked by size and SHA-256).
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
            ..DataOptions::default()
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
/// else from the cache, else downloaded into the cache. Runs that write
/// into the cache take turns ([`CacheLock`]), and the first to hold it
/// removes what stopped runs left there.
pub fn locate(options: &DataOptions) -> Result<PathBuf, DataError> {
    if let Some(dir) = &options.data_dir {
        return extracted_copy(dir);
    }
    if let Some(archive) = &options.archive {
        verify(archive, &options.known)?;
    }
    let cache = cache_dir(options);
    let ready = cache.join("aclImdb");
    if ready.is_dir() {
        if let Some(lock) = CacheLock::try_acquire(&cache) {
            remove_leftovers(&cache, &lock);
        }
        return Ok(ready);
    }
    let lock = CacheLock::acquire(&cache)?;
    remove_leftovers(&cache, &lock);
    if ready.is_dir() {
        return Ok(ready); // extracted by the run this one waited for
    }
    let archive = match &options.archive {
        Some(archive) => archive.clone(),
        None => cached_or_downloaded(&cache, options)?,
    };
    extract(&archive, &cache)
}
// ANCHOR_END: locate

/// The folder that is, or is in, `dir` and holds `train/` and `test/`.
fn extracted_copy(dir: &Path) -> Result<PathBuf, DataError> {
    let candidates = [dir.join("aclImdb"), dir.to_owned()];
    candidates
        .into_iter()
        .find(|c| c.join("train").is_dir() && c.join("test").is_dir())
        .ok_or_else(|| DataError::MissingFolder {
            path: dir.to_owned(),
            expected: "an extracted aclImdb/ with train/ and test/".to_owned(),
        })
}

/// An archive already in `cache` (verified: one that is not the dataset is
/// an error saying to delete it), else one downloaded into it.
fn cached_or_downloaded(cache: &Path, options: &DataOptions) -> Result<PathBuf, DataError> {
    let cached = options
        .known
        .iter()
        .map(|k| cache.join(&k.name))
        .find(|path| path.is_file());
    if let Some(path) = cached {
        verify(&path, &options.known).map_err(|cause| DataError::DamagedCache {
            path: path.clone(),
            cause: Box::new(cause),
        })?;
        return Ok(path);
    }
    let url = options.url.as_deref().unwrap_or(OFFICIAL_URL);
    download(
        url,
        cache,
        &options.known,
        options.timeouts,
        options.progress,
    )
}
