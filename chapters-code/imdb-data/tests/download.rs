//! A download that goes wrong: a server that is not reached in time, that
//! stalls, that closes the connection early, that has no such file, or
//! that serves the labelled-only archive. Each is stopped with a message
//! naming the address and what to do, and leaves nothing in the cache.
//! Every server is a thread of the test on 127.0.0.1.

mod common;

use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use common::{
    hold_until_closed, known_as, names_in, ok_head, serve, serve_with, tarball,
    tiny_dataset,
};
use imdb_data::cache::LOCK_FILE;
use imdb_data::dataset::{DataOptions, locate};
use imdb_data::download::Timeouts;
use imdb_data::error::DataError;

/// Timeouts of one second, so that a test of a stall takes about that long.
const SHORT: Timeouts = Timeouts {
    connect: Duration::from_secs(1),
    read: Duration::from_secs(1),
};

/// `locate` downloading `url` into `dir/cache` with short timeouts and the
/// tiny dataset's archive as the only one known: its error, and how long it took.
fn download_fails(dir: &Path, url: &str) -> (DataError, Duration) {
    tiny_dataset(dir);
    let options = DataOptions {
        cache: Some(dir.join("cache")),
        url: Some(url.to_owned()),
        timeouts: SHORT,
        known: vec![known_as("aclImdb_v1.tar.gz", &tarball(dir))],
        ..DataOptions::default()
    };
    let start = Instant::now();
    let err = locate(&options).unwrap_err();
    (err, start.elapsed())
}

/// Check that `message` holds each of `parts`.
fn says(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "{part:?} missing in: {message}");
    }
}

/// Check that the cache holds nothing but its lock file.
fn cache_is_clean(dir: &Path) {
    assert_eq!(
        names_in(&dir.join("cache")),
        [LOCK_FILE],
        "no partial file left"
    );
}

/// Fault(data): a download that stalls, before answering or halfway through the file | stops after the read timeout, names the URL and says to retry or to pass `--archive FILE`; no partial file left
#[test]
fn a_download_that_stalls_stops_after_the_read_timeout_and_leaves_nothing() {
    let silent = serve_with(1, hold_until_closed);
    let halfway = serve_with(1, |mut stream| {
        let _ = stream.write_all(ok_head(1000).as_bytes());
        let _ = stream.write_all(&[0u8; 400]);
        hold_until_closed(stream);
    });
    for (url, received) in [
        (silent, "after 0 bytes"),
        (halfway, "after 400 bytes of 1000"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (err, took) = download_fails(dir.path(), &url);
        assert!(matches!(err, DataError::Interrupted { .. }), "{err}");
        assert!(took < Duration::from_secs(5), "stopped after {took:?}");
        says(
            &err.to_string(),
            &[
                &url,
                received,
                "read timeout",
                "Run the command again",
                "--archive FILE",
            ],
        );
        cache_is_clean(dir.path());
    }
}

/// A listener whose queue of connections is full, so that a further
/// connection is never accepted: the address, and the listener and the
/// connections that fill it, to keep.
fn full_listener() -> (SocketAddr, TcpListener, Vec<TcpStream>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let mut queued = Vec::new();
    while queued.len() < 10_000 {
        match TcpStream::connect_timeout(&address, Duration::from_millis(200)) {
            Ok(stream) => queued.push(stream),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                return (address, listener, queued);
            }
            Err(e) => panic!("filling the queue of {address}: {e}"),
        }
    }
    panic!("the queue of {address} never filled");
}

/// Fault(data): a server that does not accept the connection | stops after the connect timeout, names the URL, says to retry and how to work offline (`--archive FILE`); no partial file left
#[test]
fn a_server_that_never_accepts_stops_after_the_connect_timeout() {
    let (address, _listener, _queued) = full_listener();
    let url = format!("http://{address}/aclImdb_v1.tar.gz");
    let dir = tempfile::tempdir().unwrap();
    let (err, took) = download_fails(dir.path(), &url);
    assert!(matches!(err, DataError::Unreachable { .. }), "{err}");
    assert!(took < Duration::from_secs(5), "stopped after {took:?}");
    says(
        &err.to_string(),
        &[
            &url,
            "no connection within 1 s",
            "Run the command again",
            "--archive FILE",
        ],
    );
    cache_is_clean(dir.path());
}

/// Fault(data): a server that closes the connection before the end of the file | refused, naming the URL and how much arrived; no partial file left
#[test]
fn a_download_cut_short_by_the_server_is_refused_and_leaves_nothing() {
    let url = serve_with(1, |mut stream| {
        let _ = stream.write_all(ok_head(1000).as_bytes());
        let _ = stream.write_all(&[0u8; 400]);
    });
    let dir = tempfile::tempdir().unwrap();
    let (err, _) = download_fails(dir.path(), &url);
    assert!(matches!(err, DataError::Interrupted { .. }), "{err}");
    says(
        &err.to_string(),
        &[
            &url,
            "after 400 bytes of 1000: the server closed the connection",
            "Run the command again",
        ],
    );
    cache_is_clean(dir.path());
}

/// Fault(data): a download that returns 404 | "the server answered 404 Not Found for URL", without the advice for an offline machine; no partial file left
#[test]
fn a_missing_file_on_the_server_is_reported_as_404_not_as_no_network() {
    let url = serve_with(1, |mut stream| {
        let body = "no such file";
        let head = format!(
            "HTTP/1.1 404 Not Found\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body.as_bytes());
    });
    let dir = tempfile::tempdir().unwrap();
    let (err, _) = download_fails(dir.path(), &url);
    assert!(matches!(err, DataError::HttpStatus { .. }), "{err}");
    let message = err.to_string();
    says(
        &message,
        &[
            &format!("the server answered 404 Not Found for {url}"),
            "--url",
        ],
    );
    assert!(!message.contains("network"), "{message}");
    cache_is_clean(dir.path());
}

/// Fault(data): `--url` serving the labelled-only archive that `--archive` accepts | accepted, kept in the cache under its own name, and extracted
#[test]
fn the_labelled_archive_is_accepted_from_a_url() {
    let dir = tempfile::tempdir().unwrap();
    tiny_dataset(dir.path());
    let labelled = tarball(dir.path());
    // The stand-in of the official archive: another size, never served.
    let official = known_as("aclImdb_v1.tar.gz", &[7u8; 100]);
    let options = DataOptions {
        cache: Some(dir.path().join("cache")),
        url: Some(serve(labelled.clone(), 1)),
        timeouts: SHORT,
        known: vec![official, known_as("aclImdb_v1_labeled.tar.gz", &labelled)],
        ..DataOptions::default()
    };
    let root = locate(&options).unwrap();
    assert_eq!(root, dir.path().join("cache/aclImdb"));
    assert!(root.join("train/pos/3_9.txt").is_file());
    assert_eq!(
        names_in(&dir.path().join("cache")),
        [LOCK_FILE, "aclImdb", "aclImdb_v1_labeled.tar.gz"]
    );
}
