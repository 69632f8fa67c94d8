//! Continuing a run from its folder's checkpoint: the configuration it
//! records is checked against the run's (on the header, before any tensor
//! is read), then the model, Adam's state, the history and the best model
//! so far are restored.

use std::path::Path;

use anyhow::{Context, Result};
use layers::adam::Adam;

use crate::checkpoint;
use crate::model::Classifier;
use crate::run::{RunConfig, check_stored};
use crate::train::{EpochRecord, checkpoint_path};

/// What a checkpoint restores: the epochs trained, Adam's state, and the
/// best model so far with its validation accuracy.
pub(crate) struct Restored {
    pub history: Vec<EpochRecord>,
    pub adam: Adam<f32>,
    pub best: Option<(f64, Classifier<f32>)>,
}

/// Restore `model` and the rest of the run of `config` from the checkpoint
/// in `dir`; `None` (with a note) when the folder holds no checkpoint.
pub(crate) fn restore(
    config: &RunConfig,
    dir: &Path,
    model: &mut Classifier<f32>,
) -> Result<Option<Restored>> {
    let path = checkpoint_path(dir);
    if !path.is_file() {
        eprintln!(
            "{}: no checkpoint to resume from; starting afresh",
            dir.display()
        );
        return Ok(None);
    }
    let history = check_stored(config, dir, &path, &checkpoint::read_metadata(&path)?)?;
    let loaded = checkpoint::load(&path)?;
    *model = loaded.model;
    let adam = loaded.adam.with_context(|| {
        format!("{}: no optimiser state to resume from", path.display())
    })?;
    let best_path = dir.join("best.safetensors");
    let best = if best_path.is_file() {
        check_stored(
            config,
            dir,
            &best_path,
            &checkpoint::read_metadata(&best_path)?,
        )?;
        let loaded = checkpoint::load(&best_path)?;
        let accuracy = history
            .iter()
            .map(|e| e.validation_accuracy)
            .fold(f64::MIN, f64::max);
        Some((accuracy, loaded.model))
    } else {
        None
    };
    eprintln!("resuming {} after epoch {}", dir.display(), history.len());
    Ok(Some(Restored {
        history,
        adam,
        best,
    }))
}
