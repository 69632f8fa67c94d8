//! The data faults of the `imdb` program, end to end: an archive cut short,
//! a cache folder that cannot be written, a download address with no file.
//! Each ends with one message (no backtrace, even with `RUST_BACKTRACE`
//! set) and leaves nothing in the cache. No network: the one server is a
//! thread of the test on 127.0.0.1.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;

use fileio::user_error::{assert_user_error, run_as_user};
use imdb_data::cache::LOCK_FILE;

/// Run `imdb stats` with `args` in `dir`, as a user with backtraces turned on.
fn stats(dir: &Path, args: &[&str]) -> Output {
    let args: Vec<&str> = ["stats"].iter().chain(args).copied().collect();
    run_as_user(env!("CARGO_BIN_EXE_imdb"), dir, &args)
}

/// Fault(data): `imdb stats --archive` an archive cut short | refused before extraction, naming the file, its size and the sizes of the archives the book knows; exit code 1; nothing written into the cache
#[test]
fn an_archive_cut_short_is_refused_end_to_end_and_the_cache_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    // The first bytes of a gzip stream, as a download stopped early leaves them.
    let cut = dir.path().join("aclImdb_v1.tar.gz");
    std::fs::write(&cut, [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3, 0xec, 0xbd]).unwrap();
    let cache = dir.path().join("cache");
    let out = stats(
        dir.path(),
        &[
            "--archive",
            cut.to_str().unwrap(),
            "--cache",
            cache.to_str().unwrap(),
        ],
    );
    assert_user_error(&out, 1, cut.to_str().unwrap());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("12 bytes")
            && stderr.contains("84125825")
            && stderr.contains("cut short"),
        "{stderr}"
    );
    assert!(!cache.exists(), "nothing may be written into the cache");
}

/// Fault(data): `imdb stats --cache` a folder that cannot be created (under a regular file) | refused before any download, naming the folder; exit code 1
#[test]
fn an_unwritable_cache_is_named_before_any_download() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let cache = file.join("cache");
    // An address nothing answers at: the run must stop before using it.
    let out = stats(
        dir.path(),
        &[
            "--cache",
            cache.to_str().unwrap(),
            "--url",
            "http://127.0.0.1:9/x.tar.gz",
        ],
    );
    assert_user_error(&out, 1, cache.to_str().unwrap());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("127.0.0.1:9"), "{stderr}");
}

/// Fault(data): `imdb stats --url` an address where the server answers 404 | "the server answered 404 Not Found for URL", no advice about network access; exit code 1; nothing left in the cache
#[test]
fn a_404_is_reported_as_such_end_to_end() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/aclImdb_v1.tar.gz",
        listener.local_addr().unwrap()
    );
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let _ = stream.read(&mut [0u8; 4096]);
        let _ = stream.write_all(
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let out = stats(
        dir.path(),
        &["--cache", cache.to_str().unwrap(), "--url", &url],
    );
    assert_user_error(
        &out,
        1,
        &format!("the server answered 404 Not Found for {url}"),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("network"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [LOCK_FILE], "only the cache's lock file");
}
