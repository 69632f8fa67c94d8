//! Training on a small synthetic task: it learns, it is reproducible, and a
//! run resumed from its checkpoint ends exactly where an uninterrupted run does.

mod common;

use common::{config, data};
use recurrent::CellKind;
use sentiment::checkpoint;
use sentiment::run::run;

#[test]
fn every_cell_learns_the_synthetic_task() {
    let data = data();
    for cell in CellKind::ALL {
        let result = run(&config(cell, 6), &data, None, false, false).unwrap();
        assert!(
            result.log.test_accuracy > 0.9,
            "{cell:?}: test accuracy {}",
            result.log.test_accuracy
        );
    }
}

#[test]
fn a_resumed_run_ends_where_an_uninterrupted_run_ends() {
    let data = data();
    let straight = tempfile::tempdir().unwrap();
    let resumed = tempfile::tempdir().unwrap();
    let full = run(
        &config(CellKind::Lstm, 3),
        &data,
        Some(straight.path()),
        false,
        false,
    )
    .unwrap();
    run(
        &config(CellKind::Lstm, 2),
        &data,
        Some(resumed.path()),
        false,
        false,
    )
    .unwrap();
    let continued = run(
        &config(CellKind::Lstm, 3),
        &data,
        Some(resumed.path()),
        true,
        false,
    )
    .unwrap();
    let metrics = |log: &sentiment::train::TrainLog| {
        let epochs: Vec<_> = log
            .epochs
            .iter()
            .map(|e| {
                (
                    e.epoch,
                    e.train_loss,
                    e.train_accuracy,
                    e.validation_loss,
                    e.validation_accuracy,
                )
            })
            .collect();
        (epochs, log.chosen_epoch, log.test_loss, log.test_accuracy)
    };
    assert_eq!(
        metrics(&full.log),
        metrics(&continued.log),
        "same epochs, same metrics, same test result"
    );
    let a = checkpoint::load(&straight.path().join("checkpoint.safetensors")).unwrap();
    let b = checkpoint::load(&resumed.path().join("checkpoint.safetensors")).unwrap();
    assert_eq!(a.model, b.model);
    assert_eq!(a.adam, b.adam);
}

#[test]
fn the_same_seed_gives_the_same_run() {
    let data = data();
    let a = run(&config(CellKind::Gru, 2), &data, None, false, false).unwrap();
    let b = run(&config(CellKind::Gru, 2), &data, None, false, false).unwrap();
    assert_eq!(
        a.log
            .epochs
            .iter()
            .map(|e| e.train_loss)
            .collect::<Vec<_>>(),
        b.log
            .epochs
            .iter()
            .map(|e| e.train_loss)
            .collect::<Vec<_>>()
    );
}

/// The fast path computes the same function from the same initial weights,
/// so in f32 it trains to the same place up to rounding.
#[test]
fn the_fast_cells_train_like_the_readable_ones() {
    let data = data();
    for fast_kind in [CellKind::LstmFast, CellKind::GruFast, CellKind::RnnFast] {
        let slow =
            run(&config(fast_kind.readable(), 3), &data, None, false, false).unwrap();
        let fast = run(&config(fast_kind, 3), &data, None, false, false).unwrap();
        for (a, b) in slow.log.epochs.iter().zip(&fast.log.epochs) {
            assert!(
                (a.train_loss - b.train_loss).abs() < 1e-3,
                "{fast_kind:?}, epoch {}: {} vs {}",
                a.epoch,
                a.train_loss,
                b.train_loss
            );
        }
        assert_eq!(slow.parameters, fast.parameters, "{fast_kind:?}");
    }
}

/// Lazy Adam for the embedding still learns the task, and gives a different
/// run (it is a different optimiser, not a faster way to compute the same
/// one). Batches of 2 leave some words out of every batch; with batches of
/// 32 every word of this small vocabulary is in every batch, and the two
/// optimisers coincide.
#[test]
fn lazy_embedding_adam_learns_and_differs_from_dense_adam() {
    let data = data();
    let mut dense_config = config(CellKind::LstmFast, 4);
    dense_config.train.batch_size = 2;
    dense_config.train.adam.lr = 3e-3;
    let dense = run(&dense_config, &data, None, false, false).unwrap();
    let mut lazy_config = dense_config;
    lazy_config.train.lazy_embedding = true;
    let lazy = run(&lazy_config, &data, None, false, false).unwrap();
    assert!(
        lazy.log.test_accuracy > 0.9,
        "lazy: {}",
        lazy.log.test_accuracy
    );
    assert_ne!(
        dense.log.epochs[1].train_loss,
        lazy.log.epochs[1].train_loss
    );
}
