//! Downloading the archive the way Keras's `load_data` does: once, with a
//! progress bar, verified, into a cache folder.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use sha2::{Digest, Sha256};

use crate::archive::{KnownArchive, hex};
use crate::error::{DataError, io};

/// Where the official archive is served.
pub const OFFICIAL_URL: &str =
    "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz";

// ANCHOR: download
/// Download `url` into `dir/<expected.name>` and return the path. The bytes
/// go to a temporary file that is checked (size and SHA-256) and only then
/// renamed into place; on any failure nothing is left behind.
pub fn download(
    url: &str,
    dir: &Path,
    expected: &KnownArchive,
    progress: bool,
) -> Result<PathBuf, DataError> {
    let target = dir.join(&expected.name);
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let partial = dir.join(format!(".{}.partial.{}", expected.name, std::process::id()));
    let result = fetch_into(url, &partial, expected, progress, &target)
        .and_then(|()| std::fs::rename(&partial, &target).map_err(io(&target)));
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result.map(|()| target)
}
// ANCHOR_END: download

fn fetch_into(
    url: &str,
    partial: &Path,
    expected: &KnownArchive,
    progress: bool,
    target: &Path,
) -> Result<(), DataError> {
    let failed = |reason: String| DataError::Download {
        url: url.to_owned(),
        reason,
        fallback: target.to_owned(),
    };
    let mut response = ureq::get(url).call().map_err(|e| failed(e.to_string()))?;
    let bar = if progress {
        ProgressBar::new(expected.size)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{msg} {bar:40} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
        )
        .expect("a valid progress template"),
    );
    bar.set_message(format!("downloading {}", expected.name));
    let mut reader = response.body_mut().as_reader();
    let mut file = File::create(partial).map_err(io(partial))?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let read = reader
            .read(&mut buffer)
            .map_err(|e| failed(e.to_string()))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        file.write_all(&buffer[..read]).map_err(io(partial))?;
        size += read as u64;
        bar.set_position(size);
    }
    file.sync_all().map_err(io(partial))?;
    bar.finish_and_clear();
    if size != expected.size {
        return Err(DataError::Size {
            path: url.into(),
            name: expected.name.clone(),
            found: size,
            expected: expected.size,
        });
    }
    let found = hex(&hasher.finalize());
    if found != expected.sha256 {
        return Err(DataError::Checksum {
            path: url.into(),
            name: expected.name.clone(),
            found,
            expected: expected.sha256.clone(),
        });
    }
    Ok(())
}
