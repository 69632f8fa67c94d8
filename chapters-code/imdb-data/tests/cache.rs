//! The cache folder as runs share it: one that cannot be written, what
//! stopped runs leave in it, two runs extracting into it at once, a damaged
//! archive in it, and an archive cut short given with `--archive`.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use common::{known_as, names_in, serve, tarball, tiny_archive, tiny_dataset};
use imdb_data::archive::KnownArchive;
use imdb_data::cache::{CacheLock, LOCK_FILE};
use imdb_data::dataset::{DataOptions, locate};
use imdb_data::error::DataError;
use imdb_data::loader::{Split, load_split};

/// Options that extract `archive`, known as `known`, into `cache`.
fn from_archive(archive: &Path, known: &KnownArchive, cache: &Path) -> DataOptions {
    DataOptions {
        archive: Some(archive.to_owned()),
        cache: Some(cache.to_owned()),
        known: vec![known.clone()],
        ..DataOptions::default()
    }
}

/// Fault(data): an unwritable cache folder (`--cache` under a regular file) | refused before any work, naming the folder and saying to pass `--cache` or set `RNN_BOOK_DATA`
#[test]
fn an_unwritable_cache_folder_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, known) = tiny_archive(dir.path(), "tiny.tar.gz");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let cache = file.join("cache");
    let err = locate(&from_archive(&archive, &known, &cache)).unwrap_err();
    assert!(matches!(err, DataError::CacheFolder { .. }), "{err}");
    let message = err.to_string();
    for part in [
        &cache.display().to_string(),
        "cannot use this folder as the data cache",
        "--cache",
        "RNN_BOOK_DATA",
    ] {
        assert!(message.contains(part), "{part:?} missing in: {message}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}

/// Fault(data): the temporary files and folders of a run that was stopped (`.aclImdb.partial.PID/`, `.aclImdb_v1.tar.gz.partial.PID`) | removed by the next run, once it holds the cache's lock (so no run that still lives is writing them); other files kept
#[test]
fn what_a_stopped_run_left_in_the_cache_is_removed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, known) = tiny_archive(dir.path(), "tiny.tar.gz");
    let cache = dir.path().join("cache");
    let half = cache.join(".aclImdb.partial.4000000/aclImdb/train/neg");
    std::fs::create_dir_all(&half).unwrap();
    std::fs::write(half.join("1_1.txt"), "half a dataset").unwrap();
    for name in [
        ".aclImdb_v1.tar.gz.partial.4000001",
        ".download.partial.4000002",
        "notes.txt",
        ".aclImdb.partial.notapid",
    ] {
        std::fs::write(cache.join(name), "bytes").unwrap();
    }
    let options = from_archive(&archive, &known, &cache);
    let root = locate(&options).unwrap();
    assert_eq!(load_split(&root, Split::Train).unwrap().len(), 3);
    let kept = [
        ".aclImdb.partial.notapid",
        LOCK_FILE,
        "aclImdb",
        "notes.txt",
    ];
    assert_eq!(names_in(&cache), kept);
    // Once the data is there, a run removes leftovers only if no other run
    // holds the cache (that one might be writing them), and does not wait.
    let late = cache.join(".download.partial.4000003");
    std::fs::write(&late, "bytes").unwrap();
    let other_run = CacheLock::acquire(&cache).unwrap();
    assert_eq!(locate(&options).unwrap(), root);
    assert!(late.exists(), "removed while another run held the cache");
    drop(other_run);
    assert_eq!(locate(&options).unwrap(), root);
    assert_eq!(names_in(&cache), kept);
}

/// Fault(data): two first-time extractions into one cache at once | they take turns on the cache's lock; the second uses the finished extraction
#[test]
fn two_first_extractions_into_one_cache_take_turns() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source");
    for folder in ["train/neg", "train/pos", "test/neg", "test/pos"] {
        let folder = source.join("aclImdb").join(folder);
        std::fs::create_dir_all(&folder).unwrap();
        for id in 0..100 {
            std::fs::write(folder.join(format!("{id}_5.txt")), "a review").unwrap();
        }
    }
    let bytes = tarball(&source);
    let archive = dir.path().join("many.tar.gz");
    std::fs::write(&archive, &bytes).unwrap();
    let options = from_archive(
        &archive,
        &known_as("many.tar.gz", &bytes),
        &dir.path().join("cache"),
    );
    let start = Arc::new(Barrier::new(2));
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let (options, start) = (options.clone(), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                locate(&options)
            })
        })
        .collect();
    let roots: Vec<PathBuf> = runs
        .into_iter()
        .map(|run| run.join().unwrap().unwrap())
        .collect();
    assert_eq!(roots[0], roots[1]);
    assert_eq!(load_split(&roots[0], Split::Test).unwrap().len(), 200);
    assert_eq!(names_in(&dir.path().join("cache")), [LOCK_FILE, "aclImdb"]);
}

/// Fault(data): a damaged archive in the cache (another file of that name) | refused, naming the file and saying to delete it; once deleted, the next run downloads a good copy
#[test]
fn a_damaged_archive_in_the_cache_is_refused_naming_the_file_to_delete() {
    let dir = tempfile::tempdir().unwrap();
    tiny_dataset(dir.path());
    let good = tarball(dir.path());
    let cache = dir.path().join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    let cached = cache.join("aclImdb_v1.tar.gz");
    std::fs::write(&cached, b"an error page saved as the archive").unwrap();
    let options = DataOptions {
        cache: Some(cache.clone()),
        url: Some(serve(good.clone(), 1)),
        known: vec![known_as("aclImdb_v1.tar.gz", &good)],
        ..DataOptions::default()
    };
    let err = locate(&options).unwrap_err();
    assert!(matches!(err, DataError::DamagedCache { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains(&cached.display().to_string())
            && message.contains("Delete this file"),
        "{message}"
    );
    let cause = std::error::Error::source(&err).unwrap().to_string();
    assert!(cause.contains("not an archive this book knows"), "{cause}");
    assert!(cached.is_file(), "the file is the user's to delete");
    std::fs::remove_file(&cached).unwrap();
    let root = locate(&options).unwrap();
    assert_eq!(load_split(&root, Split::Train).unwrap().len(), 3);
    assert_eq!(std::fs::read(&cached).unwrap(), good);
}

/// Fault(data): an archive cut short, given with `--archive` | refused before extraction, naming the file and its size against the known archives'; nothing written into the cache
#[test]
fn an_archive_cut_short_is_refused_before_it_reaches_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, known) = tiny_archive(dir.path(), "aclImdb_v1.tar.gz");
    let bytes = std::fs::read(&archive).unwrap();
    let cut = dir.path().join("cut.tar.gz");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let cache = dir.path().join("cache");
    let err = locate(&from_archive(&cut, &known, &cache)).unwrap_err();
    assert!(matches!(err, DataError::UnknownArchive { .. }), "{err}");
    let message = err.to_string();
    for part in [
        &cut.display().to_string(),
        &format!("{} bytes", bytes.len() / 2),
        &format!("aclImdb_v1.tar.gz has {} bytes", bytes.len()),
        "cut short",
    ] {
        assert!(message.contains(part), "{part:?} missing in: {message}");
    }
    assert!(!cache.exists(), "{:?}", names_in(&cache));
}

/// A lock held by one run makes the next wait for it, not fail.
#[test]
fn the_cache_lock_is_held_until_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let held = CacheLock::acquire(dir.path()).unwrap();
    assert!(held.is_exclusive());
    let file = std::fs::File::open(dir.path().join(LOCK_FILE)).unwrap();
    assert!(file.try_lock().is_err(), "another hold must wait");
    drop(held);
    assert!(file.try_lock().is_ok(), "free once dropped");
}
