//! A run folder is used by one training at a time: `run` locks the folder's
//! `run.lock` before it writes anything and holds the lock to its end, so a
//! second training into the same folder is refused at once, naming the
//! folder, and changes nothing there; the lock ends with the run, whether
//! the run succeeds or fails.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use common::{config, data, train_into};
use recurrent::CellKind;
use sentiment::run::{LOCK_FILE, lock_run_dir, run};

/// Every file of `dir`: its name, its bytes and when it was last modified.
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let modified = entry.metadata().unwrap().modified().unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                (std::fs::read(entry.path()).unwrap(), modified),
            )
        })
        .collect()
}

/// The message of a run into `dir` that another training holds.
fn assert_refused_as_in_use(message: &str, dir: &Path) {
    assert!(
        message.contains(&dir.display().to_string())
            && message.contains("another training is using it"),
        "{message}"
    );
}

/// Fault(runs): a second training into a run folder that another training holds | refused at once, naming the folder; the folder's files unchanged
#[test]
fn a_run_into_a_folder_in_use_is_refused_and_changes_nothing() {
    let data = data();
    let dir = tempfile::tempdir().unwrap();
    train_into(dir.path(), &config(CellKind::Gru, 1), &data);
    let before = snapshot(dir.path());
    for name in [
        "config.json",
        "metrics.json",
        "checkpoint.safetensors",
        "model.safetensors",
        "vocab.txt",
        LOCK_FILE,
    ] {
        assert!(before.contains_key(name), "{name} in {before:?}");
    }
    let lock = lock_run_dir(dir.path()).expect("the finished run released its lock");
    assert_eq!(lock.dir(), dir.path());
    // A fresh run and a resumed one, with the same and with another configuration.
    for (cell, resume) in [
        (CellKind::Gru, false),
        (CellKind::Gru, true),
        (CellKind::Lstm, false),
    ] {
        let start = Instant::now();
        let err = run(&config(cell, 2), &data, Some(dir.path()), resume, false)
            .expect_err("the folder is in use");
        assert_refused_as_in_use(&format!("{err:#}"), dir.path());
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "refused at once, not after waiting {:?}",
            start.elapsed()
        );
        assert_eq!(
            snapshot(dir.path()),
            before,
            "the refused run changed the folder"
        );
    }
    drop(lock);
    let result = run(
        &config(CellKind::Gru, 1),
        &data,
        Some(dir.path()),
        false,
        false,
    )
    .expect("the folder is free again");
    assert_eq!(result.config, config(CellKind::Gru, 1));
}

#[test]
fn a_second_lock_on_the_same_folder_is_refused_until_the_first_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let run_dir = dir.path().join("new").join("run");
    let first = lock_run_dir(&run_dir).expect("the folder is created and locked");
    assert!(run_dir.join(LOCK_FILE).is_file());
    let err = lock_run_dir(&run_dir).expect_err("the folder is in use");
    assert_refused_as_in_use(&format!("{err:#}"), &run_dir);
    drop(first);
    lock_run_dir(&run_dir).expect("the first lock was released when dropped");
}

#[test]
fn the_lock_is_released_when_the_run_fails() {
    let data = data();
    let dir = tempfile::tempdir().unwrap();
    train_into(dir.path(), &config(CellKind::Gru, 1), &data);
    // Resuming with another cell is refused after the lock is taken.
    let err = run(
        &config(CellKind::Lstm, 2),
        &data,
        Some(dir.path()),
        true,
        false,
    )
    .expect_err("another cell cannot resume the GRU");
    assert!(format!("{err:#}").contains("cell = Gru"), "{err:#}");
    lock_run_dir(dir.path()).expect("the failed run released its lock");
}

/// A run holds the lock while it trains: once its `config.json` is
/// written, a second run into its folder is refused until the first ends.
/// Fault(runs): two trainings into one run folder at once | the second is refused while the first trains; the first trains all its epochs
#[test]
fn a_run_in_progress_holds_its_folder() {
    let mut data = data();
    data.train = common::examples(2048, 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let slow = config(CellKind::Lstm, 20);
    let first = {
        let (data, path) = (data.clone(), path.clone());
        std::thread::spawn(move || run(&slow, &data, Some(&path), false, false))
    };
    let start = Instant::now();
    while !path.join("config.json").is_file() {
        assert!(
            start.elapsed() < Duration::from_secs(60) && !first.is_finished(),
            "the first run did not start"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let err = run(&config(CellKind::Gru, 1), &data, Some(&path), false, false)
        .expect_err("the first run is using the folder");
    assert!(
        !first.is_finished(),
        "the first run ended before the second was tried: make it slower"
    );
    assert_refused_as_in_use(&format!("{err:#}"), &path);
    let result = first.join().unwrap().expect("the first run trains");
    assert_eq!(result.log.epochs.len(), 20);
    let metrics: sentiment::run::RunResult =
        serde_json::from_str(&std::fs::read_to_string(path.join("metrics.json")).unwrap())
            .unwrap();
    assert_eq!(
        metrics.config, slow,
        "the folder holds the first run's results"
    );
    lock_run_dir(&path).expect("the finished run released its lock");
}
