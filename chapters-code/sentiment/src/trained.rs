//! A trained run folder read back (`config.json`, `model.safetensors`,
//! `vocab.txt`), its three files checked against each other before the
//! model is used.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail, ensure};
use imdb_data::vocab::Vocabulary;

use crate::checkpoint::{self, read_header};
use crate::header::recorded_shape;
use crate::model::Classifier;
use crate::run::{RunConfig, first_difference};
use crate::vocab_file;

/// Read a run folder's configuration, checked ([`RunConfig::validate`]).
pub fn load_config(run_dir: &Path) -> Result<RunConfig> {
    let path: PathBuf = run_dir.join("config.json");
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {}; is {} a run folder?",
            path.display(),
            run_dir.display()
        )
    })?;
    let config: RunConfig = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a run configuration", path.display()))?;
    config
        .validate()
        .map_err(|e| anyhow!("{}: {e}", path.display()))?;
    Ok(config)
}

/// A trained run folder: its configuration, the model chosen on validation
/// and the vocabulary, checked against each other.
pub struct Trained {
    pub config: RunConfig,
    pub model: Classifier<f32>,
    pub vocab: Vocabulary,
}

/// Read a trained run folder (`config.json`, `model.safetensors`,
/// `vocab.txt`) and check that the three belong together: the model was
/// trained with the configuration (the number of epochs aside; checked on
/// the model's header, before its tensors are read), the vocabulary is the
/// one the model was trained with (its size and SHA-256, recorded in the
/// model's metadata) and has no more ids than the model's embedding has rows.
pub fn load_trained(run_dir: &Path) -> Result<Trained> {
    let config = load_config(run_dir)?;
    let model_path = run_dir.join("model.safetensors");
    check_model_header(&config, run_dir, &model_path)?;
    let loaded = checkpoint::load(&model_path)?;
    let model = loaded.model;
    let vocab_path = run_dir.join(vocab_file::VOCAB_FILE);
    let vocab = Vocabulary::load(&vocab_path)?;
    ensure!(
        vocab.num_words() <= model.shape.num_words,
        "{} numbers {} ids (num_words), but the embedding of {} has only {} rows: the files are not from the same run",
        vocab_path.display(),
        vocab.num_words(),
        model_path.display(),
        model.shape.num_words
    );
    vocab_file::check_stamp(&vocab_path, &model_path, &loaded.metadata)?;
    Ok(Trained {
        config,
        model,
        vocab,
    })
}

/// Check the header of the model file `model_path` against the run's
/// configuration `config`, before its tensors are read: the configuration
/// it records (if any) must be the same, the number of epochs aside, and
/// so must the model shape.
fn check_model_header(config: &RunConfig, run_dir: &Path, model_path: &Path) -> Result<()> {
    let header = read_header(model_path)?;
    let config_path = run_dir.join("config.json");
    if let Some(stored) = header.metadata.get(checkpoint::RUN_CONFIG) {
        let stored: RunConfig = serde_json::from_str(stored).with_context(|| {
            format!(
                "{}: the recorded configuration cannot be read",
                model_path.display()
            )
        })?;
        if let Some((setting, then, now)) = first_difference(&stored, config)? {
            bail!(
                "{} was trained with {setting} = {then}, but {} says {setting} = {now}: the files are not from the same run (was a later run interrupted?)",
                model_path.display(),
                config_path.display()
            );
        }
    }
    let shape = recorded_shape(model_path, &header)?;
    ensure!(
        shape == config.shape(),
        "{} holds a {shape}, but {} describes a {}: the files are not from the same run",
        model_path.display(),
        config_path.display(),
        config.shape()
    );
    Ok(())
}
