//! Bad inputs a reader may give the data loader: an `--archive` that is not
//! an archive, a `--data-dir` that holds part of the dataset, review files
//! with odd names or odd bytes, a review of 10 MB.

use std::path::Path;

use imdb_data::dataset::{DataOptions, locate};
use imdb_data::error::DataError;
use imdb_data::loader::{Split, load_split};
use imdb_data::prepare::{PrepConfig, encode, prepare};
use imdb_data::vocab::START;

/// Write `count` reviews per class of both splits under `root/aclImdb`.
fn dataset(root: &Path, count: usize) {
    for folder in ["train/neg", "train/pos", "test/neg", "test/pos"] {
        let dir = root.join("aclImdb").join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        for id in 0..count {
            std::fs::write(dir.join(format!("{id}_5.txt")), "a plain review").unwrap();
        }
    }
}

/// `locate` with `--archive path` and a cache in `dir`: its error message,
/// after checking that nothing was extracted into the cache.
fn archive_refused(dir: &Path, path: &Path) -> String {
    let cache = dir.join("cache");
    let options = DataOptions {
        archive: Some(path.to_owned()),
        cache: Some(cache.clone()),
        ..DataOptions::default()
    };
    let message = locate(&options).unwrap_err().to_string();
    assert!(!cache.join("aclImdb").exists(), "{message}");
    message
}

/// Fault(data): an `--archive` that is a folder, or random bytes, or that does not exist | refused, naming the path; nothing extracted into the cache
#[test]
fn an_archive_that_is_a_folder_random_bytes_or_missing_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder.tar.gz");
    std::fs::create_dir(&folder).unwrap();
    let random = dir.path().join("random.tar.gz");
    let bytes: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&random, bytes).unwrap();
    let missing = dir.path().join("missing.tar.gz");
    for path in [&folder, &random, &missing] {
        let message = archive_refused(dir.path(), path);
        assert!(
            message.contains(&path.display().to_string()),
            "{}: {message}",
            path.display()
        );
    }
    assert!(archive_refused(dir.path(), &random).contains("5000"));
}

/// Fault(data): a `--data-dir` that holds `train/` but not `test/` | refused, naming the folder and what it should hold
#[test]
fn a_data_dir_with_part_of_the_tree_is_refused_naming_what_it_lacks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("aclImdb/train/neg")).unwrap();
    std::fs::create_dir_all(dir.path().join("aclImdb/train/pos")).unwrap();
    let options = DataOptions {
        data_dir: Some(dir.path().to_owned()),
        ..DataOptions::default()
    };
    let err = locate(&options).unwrap_err();
    assert!(matches!(err, DataError::MissingFolder { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains(&dir.path().display().to_string())
            && message.contains("train/ and test/"),
        "{message}"
    );
}

/// Fault(input text): a review file not named `<id>_<rating>.txt` | refused, naming the file and the expected name
#[test]
fn a_review_file_with_another_name_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    dataset(dir.path(), 2);
    let odd = dir.path().join("aclImdb/train/pos/review.txt");
    std::fs::write(&odd, "a review").unwrap();
    let err = load_split(&dir.path().join("aclImdb"), Split::Train).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains(&odd.display().to_string())
            && message.contains("<id>_<rating>.txt"),
        "{message}"
    );
}

/// Fault(input text): a review that holds NUL bytes and control characters, or is empty | read as text like any other; preparing the data does not fail
#[test]
fn a_review_with_nul_bytes_or_no_text_is_read_like_any_other() {
    let dir = tempfile::tempdir().unwrap();
    dataset(dir.path(), 5);
    let train = dir.path().join("aclImdb/train");
    std::fs::write(train.join("neg/7_2.txt"), "bad\0film\u{7}\0\0 really").unwrap();
    std::fs::write(train.join("pos/8_9.txt"), "").unwrap();
    let reviews = load_split(&dir.path().join("aclImdb"), Split::Train).unwrap();
    assert_eq!(reviews.len(), 12);
    assert!(
        reviews
            .iter()
            .any(|r| r.text == "bad\0film\u{7}\0\0 really")
    );
    assert!(reviews.iter().any(|r| r.id == 8 && r.text.is_empty()));
    let prepared = prepare(&dir.path().join("aclImdb"), &PrepConfig::default()).unwrap();
    assert_eq!(prepared.train.len() + prepared.validation.len(), 12);
    assert_eq!(prepared.test.len(), 10);
}

/// Fault(input text): a review of 10 MB | read, tokenized and padded like any other, without a panic; its 2 million tokens counted in full before truncation
#[test]
fn a_review_of_ten_megabytes_is_read_and_tokenized_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    dataset(dir.path(), 5);
    let words: Vec<String> = (0..2_000_000)
        .map(|i| format!("w{:03}", i % 1000))
        .collect();
    let text = words.join(" ");
    assert!(text.len() >= 10_000_000 - 1, "{} bytes", text.len());
    std::fs::write(dir.path().join("aclImdb/test/pos/99_10.txt"), &text).unwrap();
    let config = PrepConfig::default();
    let encoded = encode(&dir.path().join("aclImdb"), &config).unwrap();
    let longest = encoded.test.ids.iter().map(Vec::len).max().unwrap();
    assert_eq!(longest, 2_000_001, "every token and the start marker");
    let prepared = prepare(&dir.path().join("aclImdb"), &config).unwrap();
    assert_eq!(prepared.test.len(), 11);
    let ids = prepared.test.padded.ids.row(10);
    assert_eq!(ids.len(), config.maxlen);
    assert!(
        ids.iter().all(|&id| id != START),
        "the start marker was truncated away"
    );
}
