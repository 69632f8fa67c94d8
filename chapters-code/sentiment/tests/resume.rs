//! A checkpoint is resumed only by the configuration that made it (the
//! number of epochs aside): every file of a run records the whole
//! configuration, seeds included, and a run that differs is refused before
//! it writes anything, with a message naming the run folder and the first
//! setting that differs.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::{config, data, examples, train_into};
use imdb_data::prepare::Prepared;
use imdb_data::vocab::Vocabulary;
use rand::SeedableRng;
use rand::rngs::StdRng;
use recurrent::CellKind;
use sentiment::checkpoint;
use sentiment::model::Classifier;
use sentiment::run::{RunConfig, check_resume, run};

/// The text of `config.json` and `metrics.json` in `dir`.
fn records(dir: &Path) -> (String, String) {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    (read("config.json"), read("metrics.json"))
}

/// The message of a run that must fail.
fn refused(config: &RunConfig, data: &Prepared, dir: &Path) -> String {
    let err = run(config, data, Some(dir), true, false).expect_err("the run is refused");
    format!("{err:#}")
}

/// Fault(runs): resuming a run with another cell | refused, naming the folder and both cells; `config.json` and `metrics.json` unchanged
#[test]
fn resuming_with_another_cell_is_refused_and_changes_nothing() {
    let data = data();
    let dir = tempfile::tempdir().unwrap();
    train_into(dir.path(), &config(CellKind::Gru, 1), &data);
    let before = records(dir.path());
    let message = refused(&config(CellKind::Lstm, 2), &data, dir.path());
    assert!(
        message.contains(&dir.path().display().to_string())
            && message.contains("cell = Gru")
            && message.contains("cell = Lstm")
            && message.contains("another run folder")
            && message.contains("delete"),
        "{message}"
    );
    assert_eq!(
        records(dir.path()),
        before,
        "config.json and metrics.json still describe the GRU"
    );
}

/// Fault(runs): resuming a run with another vocabulary size | refused, naming both sizes; `config.json` and `metrics.json` unchanged
#[test]
fn resuming_with_another_vocabulary_size_is_refused_before_config_json_is_written() {
    let dir = tempfile::tempdir().unwrap();
    run(
        &config(CellKind::Lstm, 1),
        &data(),
        Some(dir.path()),
        false,
        false,
    )
    .unwrap();
    let before = records(dir.path());
    let mut bigger = config(CellKind::Lstm, 2);
    bigger.prep.num_words = 40;
    let data = Prepared {
        vocab: Vocabulary::build(["w"], 40),
        ..data()
    };
    let message = refused(&bigger, &data, dir.path());
    assert!(
        message.contains("prep.num_words = 30") && message.contains("prep.num_words = 40"),
        "{message}"
    );
    assert_eq!(records(dir.path()), before);
}

/// Fault(runs): resuming a run with another seed | refused, naming both seeds
#[test]
fn resuming_a_run_of_another_seed_is_refused() {
    let data = data();
    let dir = tempfile::tempdir().unwrap();
    train_into(dir.path(), &config(CellKind::Lstm, 1), &data);
    let mut reseeded = config(CellKind::Lstm, 1);
    reseeded.train.seed = 7;
    let message = refused(&reseeded, &data, dir.path());
    assert!(
        message.contains("train.seed = 42") && message.contains("train.seed = 7"),
        "{message}"
    );
    // As `imdb experiments --seed 7` and `imdb train --seed 7` ask: both seeds.
    reseeded.prep.seed = 7;
    let message = refused(&reseeded, &data, dir.path());
    assert!(message.contains("seed = 42"), "{message}");
}

/// Fault(runs): resuming with fewer epochs than the checkpoint holds | refused, naming both numbers
#[test]
fn resuming_with_fewer_epochs_than_the_checkpoint_holds_is_refused() {
    let data = data();
    let dir = tempfile::tempdir().unwrap();
    train_into(dir.path(), &config(CellKind::Rnn, 2), &data);
    let message = refused(&config(CellKind::Rnn, 1), &data, dir.path());
    assert!(
        message.contains("holds 2 epochs") && message.contains("asks for 1"),
        "{message}"
    );
    // As many as it holds, or more, is fine.
    assert_eq!(
        check_resume(&config(CellKind::Rnn, 2), dir.path()).unwrap(),
        Some(2)
    );
    assert_eq!(
        check_resume(&config(CellKind::Rnn, 9), dir.path()).unwrap(),
        Some(2)
    );
}

#[test]
fn every_file_of_a_run_records_its_whole_configuration() {
    let data = data();
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(CellKind::Gru, 1);
    config.train.seed = 5;
    config.prep.seed = 6;
    config.train.clip = Some(2.5);
    run(&config, &data, Some(dir.path()), false, false).unwrap();
    for name in [
        "checkpoint.safetensors",
        "best.safetensors",
        "model.safetensors",
    ] {
        let metadata = checkpoint::read_metadata(&dir.path().join(name)).unwrap();
        let stored: RunConfig =
            serde_json::from_str(&metadata[checkpoint::RUN_CONFIG]).unwrap();
        assert_eq!(stored, config, "{name}");
    }
}

#[test]
fn check_resume_finds_no_checkpoint_or_a_matching_one_or_refuses() {
    let data = data();
    let dir = tempfile::tempdir().unwrap();
    let lstm = config(CellKind::Lstm, 1);
    assert_eq!(check_resume(&lstm, dir.path()).unwrap(), None);
    run(&lstm, &data, Some(dir.path()), false, false).unwrap();
    assert_eq!(check_resume(&lstm, dir.path()).unwrap(), Some(1));
    let mut wider = lstm;
    wider.hidden = 9;
    let err = check_resume(&wider, dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("hidden = 8") && err.contains("hidden = 9"),
        "{err}"
    );
}

/// A checkpoint from before the configuration was recorded cannot be
/// checked, so it is not resumed.
/// Fault(runs): a checkpoint that does not record its configuration | not resumed: refused; no `config.json` written
#[test]
fn a_checkpoint_that_does_not_record_its_configuration_is_refused() {
    let data = data();
    let dir = tempfile::tempdir().unwrap();
    let config = config(CellKind::Lstm, 2);
    let model = Classifier::<f32>::new(config.shape(), &mut StdRng::seed_from_u64(1));
    let adam = layers::adam::Adam::new(config.train.adam);
    let metadata = HashMap::from([("history".to_owned(), "[]".to_owned())]);
    checkpoint::save(
        &dir.path().join("checkpoint.safetensors"),
        &model,
        Some(&adam),
        metadata,
    )
    .unwrap();
    let message = refused(&config, &data, dir.path());
    assert!(
        message.contains("does not record the configuration"),
        "{message}"
    );
    assert!(!dir.path().join("config.json").exists());
}

/// The run of `imdb experiments`: resume where there is a checkpoint, start
/// afresh where there is none; both give the same run as one uninterrupted.
#[test]
fn resuming_a_folder_without_a_checkpoint_starts_afresh() {
    let data = Prepared {
        test: examples(64, 4),
        ..data()
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let fresh = run(
        &config(CellKind::Lstm, 1),
        &data,
        Some(a.path()),
        false,
        false,
    )
    .unwrap();
    let resumed = run(
        &config(CellKind::Lstm, 1),
        &data,
        Some(b.path()),
        true,
        false,
    )
    .unwrap();
    assert_eq!(fresh.log.test_loss, resumed.log.test_loss);
}
