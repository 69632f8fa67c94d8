//! A stop asked for before the first epoch ends (Ctrl-C in the first
//! epoch): the run ends with `Interrupted`, saying that no epoch is kept,
//! and writes no checkpoint. (One test in this file: the stop is asked for
//! the whole process.)

mod common;

use common::{config, data};
use recurrent::CellKind;
use sentiment::interrupt::{Interrupted, request};
use sentiment::run::run;

#[test]
fn a_stop_in_the_first_epoch_keeps_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    request();
    let err = run(
        &config(CellKind::Gru, 3),
        &data(),
        Some(dir.path()),
        false,
        false,
    )
    .expect_err("the run is stopped");
    let stopped = err
        .downcast_ref::<Interrupted>()
        .expect("an Interrupted error");
    let checkpoint = dir.path().join("checkpoint.safetensors");
    assert_eq!(
        *stopped,
        Interrupted {
            epoch: 1,
            epochs: 3,
            checkpoint: Some(checkpoint.clone()),
            kept: 0
        }
    );
    assert!(!stopped.resumable());
    assert_eq!(
        err.to_string(),
        "interrupted during epoch 1 of 3; nothing of that epoch was saved; no epoch was complete, so no checkpoint is kept"
    );
    assert!(!checkpoint.exists() && !dir.path().join("metrics.json").exists());
    // Without a run folder, nothing is kept either.
    let err = run(&config(CellKind::Gru, 3), &data(), None, false, false).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("the run has no folder, so nothing is kept"),
        "{err}"
    );
}
