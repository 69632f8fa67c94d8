//! What the data tests share: tiny datasets and their archives, and an
//! HTTP server on 127.0.0.1 that answers as each test scripts it.

#![allow(dead_code)] // each test file uses part of this

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;

use imdb_data::archive::{KnownArchive, hex};
use sha2::Digest;

/// Write a tiny dataset in the official layout under `root/aclImdb`.
pub fn tiny_dataset(root: &Path) {
    let reviews = [
        ("train/neg", "10_2.txt", "Dull.<br />Boring."),
        ("train/neg", "2_1.txt", "Awful film"),
        ("train/pos", "3_9.txt", "Great!"),
        ("test/neg", "1_3.txt", "Bad"),
        ("test/pos", "0_10.txt", "Ünïcode is fine"),
    ];
    for (folder, name, text) in reviews {
        let dir = root.join("aclImdb").join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// A .tar.gz of `root/aclImdb`, as bytes.
pub fn tarball(root: &Path) -> Vec<u8> {
    let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::default(),
    ));
    builder
        .append_dir_all("aclImdb", root.join("aclImdb"))
        .unwrap();
    builder.into_inner().unwrap().finish().unwrap()
}

/// The archive `bytes` are, known by the name `name`.
pub fn known_as(name: &str, bytes: &[u8]) -> KnownArchive {
    KnownArchive {
        name: name.to_owned(),
        size: bytes.len() as u64,
        sha256: hex(&sha2::Sha256::digest(bytes)),
    }
}

/// The archive `bytes` are, as `tiny.tar.gz`.
pub fn known(bytes: &[u8]) -> KnownArchive {
    known_as("tiny.tar.gz", bytes)
}

/// The tiny dataset's archive, written to `dir/name`, and it as a known archive.
pub fn tiny_archive(dir: &Path, name: &str) -> (std::path::PathBuf, KnownArchive) {
    let source = dir.join(format!("{name}.source"));
    tiny_dataset(&source);
    let bytes = tarball(&source);
    let path = dir.join(name);
    std::fs::write(&path, &bytes).unwrap();
    (path, known_as(name, &bytes))
}

/// Start a server on 127.0.0.1 that hands each of its first `count`
/// connections, after reading the request, to `answer`; return the URL of
/// `aclImdb_v1.tar.gz` on it.
pub fn serve_with(
    count: usize,
    answer: impl Fn(TcpStream) + Send + Sync + 'static,
) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!(
        "http://{}/aclImdb_v1.tar.gz",
        listener.local_addr().unwrap()
    );
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let mut stream = stream.unwrap();
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            answer(stream);
        }
    });
    address
}

/// The head of a `200 OK` answer announcing `length` bytes.
pub fn ok_head(length: usize) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/gzip\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
    )
}

/// Serve `body` whole to each of `count` requests.
pub fn serve(body: Vec<u8>, count: usize) -> String {
    serve_with(count, move |mut stream| {
        let _ = stream.write_all(ok_head(body.len()).as_bytes());
        let _ = stream.write_all(&body);
    })
}

/// Wait until the client closes `stream` (a server that has stopped
/// sending), or 10 seconds, so that a client without a timeout fails its
/// test instead of hanging it.
pub fn hold_until_closed(mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
    let mut byte = [0u8; 1];
    while matches!(stream.read(&mut byte), Ok(1)) {}
}

/// The names in `dir`, sorted (none if it does not exist).
pub fn names_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
