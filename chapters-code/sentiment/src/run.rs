//! A training run as the command line describes it: check the settings and
//! the data, build, train, write the configuration and metrics next to the
//! checkpoints; and a trained run folder read back, its files checked
//! against each other.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail, ensure};
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde_json::Value;

use crate::checkpoint;
pub use crate::lock::{LOCK_FILE, RunLock, lock_run_dir};
use crate::model::{Classifier, Head, ModelShape};
use crate::train::{EpochRecord, TrainConfig, TrainLog, checkpoint_path, train};
pub use crate::trained::{Trained, load_config, load_trained};
use imdb_data::prepare::{Examples, PrepConfig, Prepared};
use recurrent::CellKind;

/// Everything that defines a run (saved as `config.json` in the run folder).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RunConfig {
    pub prep: PrepConfig,
    pub train: TrainConfig,
    pub cell: CellKind,
    pub head: Head,
    pub embedding_dim: usize,
    pub hidden: usize,
}

impl RunConfig {
    /// The article's configuration with the given cell and head.
    pub fn article(cell: CellKind, head: Head) -> Self {
        RunConfig {
            prep: PrepConfig::default(),
            train: TrainConfig::default(),
            cell,
            head,
            embedding_dim: 100,
            hidden: 100,
        }
    }

    /// The article's configuration, trained `epochs` epochs, with `seed`
    /// for the initial weights, the batch order and the validation split.
    pub fn seeded(cell: CellKind, head: Head, epochs: usize, seed: u64) -> Self {
        let mut config = RunConfig::article(cell, head);
        config.train.epochs = epochs;
        config.train.seed = seed;
        config.prep.seed = seed;
        config
    }

    /// Check every setting against its range (the preprocessing's, the
    /// training's, the model's sizes) before any work starts: [`run`] calls
    /// it, and so does every command before it reads the data.
    pub fn validate(&self) -> Result<()> {
        self.prep.validate()?;
        self.train.validate()?;
        ensure!(
            self.embedding_dim >= 1,
            "embedding_dim is 0: an embedding has at least one dimension"
        );
        ensure!(
            self.hidden >= 1,
            "hidden is 0: the recurrent layer has at least one unit"
        );
        Ok(())
    }

    /// The model's shape.
    pub fn shape(&self) -> ModelShape {
        ModelShape {
            num_words: self.prep.num_words,
            embedding_dim: self.embedding_dim,
            hidden: self.hidden,
            cell: self.cell,
            head: self.head,
        }
    }
}

/// The result of one run, as written to `metrics.json`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RunResult {
    pub config: RunConfig,
    pub parameters: usize,
    pub log: TrainLog,
}

/// Train one configuration on prepared data; with a run folder, write
/// `config.json`, checkpoints and `metrics.json` there. With `resume`, a
/// checkpoint in the folder is continued if it was made with the same
/// configuration (the number of epochs aside) and refused otherwise; without
/// one the run starts afresh, with a note. The settings
/// ([`RunConfig::validate`]), the data ([`check_data`]) and the checkpoint
/// are checked before `config.json` is written. The run folder is locked
/// ([`lock_run_dir`]) once the settings and the data are checked and
/// before the checkpoint is read, for the whole run: a second run into a
/// folder that a training is using is refused at once.
pub fn run(
    config: &RunConfig,
    data: &Prepared,
    run_dir: Option<&Path>,
    resume: bool,
    progress: bool,
) -> Result<RunResult> {
    config.validate()?;
    check_data(config, data)?;
    match run_dir {
        None => run_in(config, data, None, resume, progress),
        // Held until the run ends, whether it succeeds or fails.
        Some(dir) => run_in(config, data, Some(&lock_run_dir(dir)?), resume, progress),
    }
}

/// [`run`] into the run folder that `lock` holds: a program locks the
/// folder before it reads the data, so that a folder it cannot write is
/// reported at once, not after minutes of reading reviews.
pub fn run_locked(
    config: &RunConfig,
    data: &Prepared,
    lock: &RunLock,
    resume: bool,
    progress: bool,
) -> Result<RunResult> {
    config.validate()?;
    check_data(config, data)?;
    run_in(config, data, Some(lock), resume, progress)
}

/// [`run`], its checks done, into the folder `lock` holds (if any).
fn run_in(
    config: &RunConfig,
    data: &Prepared,
    lock: Option<&RunLock>,
    resume: bool,
    progress: bool,
) -> Result<RunResult> {
    let run_dir = lock.map(RunLock::dir);
    if let (Some(dir), true) = (run_dir, resume) {
        check_resume(config, dir)?;
    }
    let mut rng = StdRng::seed_from_u64(config.train.seed);
    let mut model = Classifier::<f32>::new(config.shape(), &mut rng);
    if let Some(dir) = run_dir {
        fileio::write_atomically(
            &dir.join("config.json"),
            serde_json::to_string_pretty(config)?.as_bytes(),
        )?;
    }
    let parameters = model.parameter_count();
    let log = train(&mut model, data, config, run_dir, resume, progress)?;
    let result = RunResult {
        config: *config,
        parameters,
        log,
    };
    if let Some(dir) = run_dir {
        fileio::write_atomically(
            &dir.join("metrics.json"),
            serde_json::to_string_pretty(&result)?.as_bytes(),
        )?;
    }
    Ok(result)
}

/// Check that `data` can train and choose a model of `config`: its
/// vocabulary has no more ids than the configuration's `num_words` (the
/// embedding's rows), and each of its parts (training, validation, test)
/// holds reviews of both classes, with ids the embedding has rows for. Too
/// small a `limit`, or a dataset folder with one class missing, fails here
/// instead of giving NaN results.
pub fn check_data(config: &RunConfig, data: &Prepared) -> Result<()> {
    let num_words = config.prep.num_words;
    ensure!(
        data.vocab.num_words() <= num_words,
        "the data's vocabulary has {} ids, more than the configuration's num_words, {num_words}",
        data.vocab.num_words()
    );
    let parts: [(&str, &Examples); 3] = [
        ("training", &data.train),
        ("validation", &data.validation),
        ("test", &data.test),
    ];
    for (name, part) in parts {
        ensure!(
            part.padded.ids.nrows() == part.len(),
            "the {name} part has {} id rows for {} labels",
            part.padded.ids.nrows(),
            part.len()
        );
        let positive = part.labels.iter().filter(|&&y| y > 0.5).count();
        let negative = part.len() - positive;
        if positive == 0 || negative == 0 {
            bail!(
                "the {name} part has {} reviews ({positive} positive, {negative} negative): training and choosing a classifier needs both classes in every part; use a larger --limit, or check that the dataset has reviews in both pos/ and neg/",
                part.len()
            );
        }
        if let Some(&id) = part.padded.ids.iter().find(|&&id| id as usize >= num_words) {
            bail!(
                "the {name} part holds the id {id}, but the embedding has rows for ids below num_words = {num_words} only"
            );
        }
    }
    Ok(())
}

/// How to start afresh instead of resuming the run folder `dir`.
fn start_afresh(dir: &Path) -> String {
    format!(
        "to start afresh, use another run folder (--run-dir; --runs for experiments) or delete {}",
        dir.display()
    )
}

/// Whether the run folder `dir` can be resumed by a run of `config`:
/// `Ok(None)` without a checkpoint, `Ok(Some(epochs))` when its checkpoint
/// was made by the same configuration (the number of epochs aside, as long
/// as `config` asks for at least as many as it holds), an error naming the
/// folder and the first setting that differs otherwise. Only the
/// checkpoint's header is read.
pub fn check_resume(config: &RunConfig, dir: &Path) -> Result<Option<usize>> {
    let path = checkpoint_path(dir);
    if !path.is_file() {
        return Ok(None);
    }
    let metadata = checkpoint::read_metadata(&path)?;
    Ok(Some(check_stored(config, dir, &path, &metadata)?.len()))
}

/// The history of the file `path` of the run folder `dir` (a checkpoint, or
/// the best model so far, whose metadata is `metadata`) if it was written by
/// a run of `config`, the number of epochs aside; an error otherwise.
pub(crate) fn check_stored(
    config: &RunConfig,
    dir: &Path,
    path: &Path,
    metadata: &HashMap<String, String>,
) -> Result<Vec<EpochRecord>> {
    let Some(stored) = metadata.get(checkpoint::RUN_CONFIG) else {
        bail!(
            "cannot resume {}: {} does not record the configuration that made it (an older version wrote it), so it cannot be checked against this run; {}",
            dir.display(),
            path.display(),
            start_afresh(dir)
        );
    };
    let stored: RunConfig = serde_json::from_str(stored).with_context(|| {
        format!(
            "{}: the recorded configuration cannot be read",
            path.display()
        )
    })?;
    if let Some((setting, then, now)) = first_difference(&stored, config)? {
        bail!(
            "cannot resume {}: {} was trained with {setting} = {then}, this run asks for {setting} = {now}; {}",
            dir.display(),
            path.display(),
            start_afresh(dir)
        );
    }
    let history: Vec<EpochRecord> = match metadata.get("history") {
        Some(history) => serde_json::from_str(history)
            .with_context(|| format!("{}: the history cannot be read", path.display()))?,
        None => Vec::new(),
    };
    if history.len() > config.train.epochs {
        bail!(
            "cannot resume {}: its checkpoint holds {} epochs, this run asks for {}; ask for at least {} epochs, or {}",
            dir.display(),
            history.len(),
            config.train.epochs,
            history.len(),
            start_afresh(dir)
        );
    }
    Ok(history)
}

/// The first setting (in the alphabetical order of the paths in
/// `config.json`, such as `prep.num_words`) in which `stored` and `wanted`
/// differ, the number of epochs aside, with its value in each.
pub(crate) fn first_difference(
    stored: &RunConfig,
    wanted: &RunConfig,
) -> Result<Option<(String, String, String)>> {
    let mut stored = *stored;
    stored.train.epochs = wanted.train.epochs;
    let (a, b) = (serde_json::to_value(stored)?, serde_json::to_value(wanted)?);
    Ok(difference("", &a, &b))
}

fn difference(path: &str, a: &Value, b: &Value) -> Option<(String, String, String)> {
    let show = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "none".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|key| {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match (x.get(key), y.get(key)) {
                    (Some(u), Some(v)) => difference(&path, u, v),
                    (u, v) => Some((path, show(u), show(v))),
                }
            })
        }
        _ if a == b => None,
        _ => Some((path.to_owned(), show(Some(a)), show(Some(b)))),
    }
}
