//! Downloading the archive the way Keras's `get_file` does: once, with a
//! progress bar, verified, into a cache folder; and with timeouts, so that
//! a server that stops answering ends the download with advice instead of
//! hanging it.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressFinish, ProgressStyle};
use sha2::{Digest, Sha256};
use ureq::Timeout;

use crate::archive::{KnownArchive, hex, identify};
use crate::error::{DataError, io};

/// Where the official archive is served.
pub const OFFICIAL_URL: &str =
    "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz";

/// The name of a download in progress, before the process id: `.download.partial.PID`.
pub const PARTIAL_PREFIX: &str = ".download.partial.";

/// Why a transfer that ended before the announced size stopped.
const CLOSED: &str = "the server closed the connection";

/// How long a download waits before it gives up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// To reach the server: the name lookup, the connection and its TLS handshake.
    pub connect: Duration,
    /// For each read of the answer: a server that sends nothing for this
    /// long has stalled.
    pub read: Duration,
}

impl Default for Timeouts {
    /// 30 seconds each: far longer than any working server keeps silent.
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(30),
            read: Duration::from_secs(30),
        }
    }
}

// ANCHOR: download
/// Download `url` into `dir` and return the path of the archive, named
/// after the one of `known` it turned out to be. The bytes go to a
/// temporary file that is checked (size and SHA-256) and only then renamed
/// into place; on any failure (an error status, a stall, a connection
/// closed early, a wrong file) the temporary file is removed.
pub fn download(
    url: &str,
    dir: &Path,
    known: &[KnownArchive],
    timeouts: Timeouts,
    progress: bool,
) -> Result<PathBuf, DataError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let partial = dir.join(format!("{PARTIAL_PREFIX}{}", std::process::id()));
    let fallback = dir.join(known.first().map_or("aclImdb_v1.tar.gz", |k| &k.name));
    let result = fetch_into(url, &partial, known, timeouts, progress, &fallback).and_then(
        |archive| {
            let target = dir.join(&archive.name);
            std::fs::rename(&partial, &target).map_err(io(&target))?;
            Ok(target)
        },
    );
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}
// ANCHOR_END: download

/// The client: HTTP error statuses are answers to report, not transport errors.
fn agent(timeouts: Timeouts) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_resolve(Some(timeouts.connect))
        .timeout_connect(Some(timeouts.connect))
        .timeout_per_read(Some(timeouts.read))
        .http_status_as_error(false)
        .build()
        .into()
}

/// Fetch `url` into the file `partial` and say which of `known` it holds.
fn fetch_into<'a>(
    url: &str,
    partial: &Path,
    known: &'a [KnownArchive],
    timeouts: Timeouts,
    progress: bool,
    fallback: &Path,
) -> Result<&'a KnownArchive, DataError> {
    let failed = |error, received, announced| {
        request_failed(url, error, timeouts, fallback, received, announced)
    };
    let mut response = agent(timeouts)
        .get(url)
        .call()
        .map_err(|e| failed(e, 0, None))?;
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("an error");
        return Err(DataError::HttpStatus {
            url: url.to_owned(),
            status: format!("{} {reason}", status.as_u16()),
        });
    }
    let announced = response.body().content_length();
    let bar = progress_bar(progress, announced.or(known.first().map(|k| k.size)));
    let mut reader = response.body_mut().as_reader();
    let (size, sha256) = save(&mut reader, partial, &bar, |error, received| {
        failed(error.into(), received, announced)
    })?;
    if let Some(total) = announced.filter(|&total| size < total) {
        return Err(interrupted(url, size, Some(total), CLOSED));
    }
    identify(Path::new(url), size, || Ok(sha256), known)
}

/// Copy `body` into the file `partial`, showing progress on `bar`; return
/// its size and SHA-256. A read that fails after `received` bytes is the
/// error `failed` makes of it.
fn save(
    body: &mut impl Read,
    partial: &Path,
    bar: &ProgressBar,
    failed: impl Fn(std::io::Error, u64) -> DataError,
) -> Result<(u64, String), DataError> {
    let mut file = File::create(partial).map_err(io(partial))?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let read = body.read(&mut buffer).map_err(|e| failed(e, size))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        file.write_all(&buffer[..read]).map_err(io(partial))?;
        size += read as u64;
        bar.set_position(size);
    }
    file.sync_all().map_err(io(partial))?;
    Ok((size, hex(&hasher.finalize())))
}

/// A progress bar of `total` bytes, or a hidden one; it clears itself
/// when dropped, at the end of the transfer or at an error.
fn progress_bar(progress: bool, total: Option<u64>) -> ProgressBar {
    if !progress {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total.unwrap_or(0)).with_finish(ProgressFinish::AndClear);
    bar.set_style(
        ProgressStyle::with_template(
            "{msg} {bar:40} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
        )
        .expect("a valid progress template"),
    );
    bar.set_message("downloading the dataset");
    bar
}

/// The error of a request that failed after `received` bytes of `announced`:
/// a server not reached, a stall, a connection closed early, or another fault.
fn request_failed(
    url: &str,
    error: ureq::Error,
    timeouts: Timeouts,
    fallback: &Path,
    received: u64,
    announced: Option<u64>,
) -> DataError {
    let unreachable = |reason: String| DataError::Unreachable {
        url: url.to_owned(),
        reason,
        fallback: fallback.to_owned(),
    };
    match error {
        ureq::Error::Timeout(Timeout::Connect | Timeout::Resolve) => unreachable(format!(
            "no connection within {} s",
            timeouts.connect.as_secs_f64()
        )),
        ureq::Error::Timeout(_) => interrupted(
            url,
            received,
            announced,
            &format!(
                "the server sent nothing for {} s (the read timeout)",
                timeouts.read.as_secs_f64()
            ),
        ),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            interrupted(url, received, announced, CLOSED)
        }
        ureq::Error::Io(e) if received > 0 => {
            interrupted(url, received, announced, &e.to_string())
        }
        e @ (ureq::Error::Io(_)
        | ureq::Error::ConnectionFailed
        | ureq::Error::HostNotFound) => unreachable(e.to_string()),
        e => DataError::Download {
            url: url.to_owned(),
            reason: e.to_string(),
        },
    }
}

/// A transfer that stopped after `received` bytes, for `reason`.
fn interrupted(
    url: &str,
    received: u64,
    announced: Option<u64>,
    reason: &str,
) -> DataError {
    DataError::Interrupted {
        url: url.to_owned(),
        received,
        of: announced
            .map(|total| format!(" of {total}"))
            .unwrap_or_default(),
        reason: reason.to_owned(),
    }
}
