//! The loader, the archive and the download, on tiny datasets the tests make.

mod common;

use std::net::TcpListener;

use common::{known, serve, tarball, tiny_dataset};
use imdb_data::archive::{extract, sha256_file, verify};
use imdb_data::dataset::{DataOptions, locate};
use imdb_data::download::{Timeouts, download};
use imdb_data::error::DataError;
use imdb_data::loader::{Split, load_split};

#[test]
fn loader_reads_negatives_then_positives_by_numeric_id() {
    let dir = tempfile::tempdir().unwrap();
    tiny_dataset(dir.path());
    let train = load_split(&dir.path().join("aclImdb"), Split::Train).unwrap();
    let ids: Vec<(u32, u8, u8)> = train.iter().map(|r| (r.id, r.rating, r.label)).collect();
    assert_eq!(
        ids,
        vec![(2, 1, 0), (10, 2, 0), (3, 9, 1)],
        "2 before 10: numeric, not text, order"
    );
    assert_eq!(train[1].text, "Dull.<br />Boring.");
}

/// Fault(input text): a review file that is not UTF-8, or a dataset with a class folder missing | refused, naming the file and the byte, or the folder
#[test]
fn loader_names_a_missing_folder_and_a_non_utf8_file() {
    let dir = tempfile::tempdir().unwrap();
    tiny_dataset(dir.path());
    let root = dir.path().join("aclImdb");
    std::fs::write(root.join("test/neg/5_1.txt"), [b'o', b'k', 0xff, 0xfe]).unwrap();
    let err = load_split(&root, Split::Test).unwrap_err();
    assert!(matches!(err, DataError::NotUtf8 { byte: 2, .. }), "{err}");
    assert!(err.to_string().contains("5_1.txt"), "{err}");
    std::fs::remove_dir_all(root.join("train/pos")).unwrap();
    let err = load_split(&root, Split::Train).unwrap_err().to_string();
    assert!(
        err.contains("train/pos") && err.contains("expected"),
        "{err}"
    );
}

/// Fault(data): an archive cut short | extraction fails; nothing left in the cache, not even a partial folder
#[test]
fn extraction_is_complete_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    tiny_dataset(dir.path());
    let archive = dir.path().join("tiny.tar.gz");
    std::fs::write(&archive, tarball(dir.path())).unwrap();
    let cache = dir.path().join("cache");
    let extracted = extract(&archive, &cache).unwrap();
    assert_eq!(load_split(&extracted, Split::Train).unwrap().len(), 3);
    // A truncated archive fails and leaves no aclImdb folder and no partial folder behind.
    let bytes = std::fs::read(&archive).unwrap();
    let broken = dir.path().join("broken.tar.gz");
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).unwrap();
    let other_cache = dir.path().join("other");
    assert!(extract(&broken, &other_cache).is_err());
    let left: Vec<_> = std::fs::read_dir(&other_cache).unwrap().collect();
    assert!(
        left.is_empty(),
        "nothing may remain after a failed extraction: {left:?}"
    );
}

/// Fault(data): an archive of unknown size, or of the right size with the wrong SHA-256 | refused as unknown, or as damaged
#[test]
fn verify_rejects_unknown_and_damaged_archives() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.tar.gz");
    std::fs::write(&path, b"not the dataset").unwrap();
    let err = verify(&path, &[imdb_data::archive::official()]).unwrap_err();
    assert!(
        matches!(err, DataError::UnknownArchive { size: 15, .. }),
        "{err}"
    );
    let mut wrong = known(b"not the dataset");
    wrong.sha256 = "0".repeat(64);
    let err = verify(&path, &[wrong]).unwrap_err();
    assert!(matches!(err, DataError::Checksum { .. }), "{err}");
    assert_eq!(
        sha256_file(&path).unwrap(),
        known(b"not the dataset").sha256
    );
}

#[test]
fn download_from_a_local_server_is_verified_and_placed_atomically() {
    let dir = tempfile::tempdir().unwrap();
    tiny_dataset(dir.path());
    let bytes = tarball(dir.path());
    let expected = known(&bytes);
    let url = serve(bytes.clone(), 1);
    let cache = dir.path().join("cache");
    let path = download(&url, &cache, &[expected], Timeouts::default(), false).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    let names: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("tiny.tar.gz")],
        "no partial file left"
    );
}

/// Fault(data): a download damaged in transit | refused by its SHA-256; nothing left in the cache
#[test]
fn a_corrupted_download_is_rejected_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    tiny_dataset(dir.path());
    let bytes = tarball(dir.path());
    let expected = known(&bytes);
    let mut corrupted = bytes.clone();
    let middle = corrupted.len() / 2;
    corrupted[middle] ^= 0xff;
    let url = serve(corrupted, 1);
    let cache = dir.path().join("cache");
    let err = download(&url, &cache, &[expected], Timeouts::default(), false).unwrap_err();
    assert!(matches!(err, DataError::Checksum { .. }), "{err}");
    assert_eq!(
        std::fs::read_dir(&cache).unwrap().count(),
        0,
        "nothing left behind"
    );
}

/// Fault(data): no network (the download server does not answer) | refused, naming the URL, saying to retry, and naming the archive to fetch by hand, `--archive FILE` and the cache folder to put it in
#[test]
fn offline_download_names_where_to_put_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    // A port with nothing listening: bind, note the port, close.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let options = DataOptions {
        cache: Some(dir.path().join("cache")),
        url: Some(format!("http://127.0.0.1:{port}/aclImdb_v1.tar.gz")),
        ..DataOptions::default()
    };
    let err = locate(&options).unwrap_err();
    assert!(matches!(err, DataError::Unreachable { .. }), "{err}");
    let message = err.to_string();
    let cached = dir.path().join("cache/aclImdb_v1.tar.gz");
    for part in [
        &format!("cannot download http://127.0.0.1:{port}/aclImdb_v1.tar.gz"),
        "Run the command again to retry",
        "Without network access",
        "--archive FILE",
        &cached.display().to_string(),
    ] {
        assert!(message.contains(part), "{part:?} missing in: {message}");
    }
}

/// Fault(data): a `--data-dir` that is empty | refused, naming the `aclImdb` folder it should hold
#[test]
fn data_dir_must_hold_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    tiny_dataset(dir.path());
    let options = DataOptions {
        data_dir: Some(dir.path().to_owned()),
        ..DataOptions::default()
    };
    assert_eq!(locate(&options).unwrap(), dir.path().join("aclImdb"));
    let empty = tempfile::tempdir().unwrap();
    let options = DataOptions {
        data_dir: Some(empty.path().to_owned()),
        ..DataOptions::default()
    };
    assert!(
        locate(&options)
            .unwrap_err()
            .to_string()
            .contains("aclImdb")
    );
}
