//! A training run as the command line describes it: prepare, build, train,
//! write the configuration and metrics next to the checkpoints.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::model::{Classifier, Head, ModelShape};
use crate::train::{TrainConfig, TrainLog, train};
use imdb_data::prepare::{PrepConfig, Prepared};
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
/// `config.json`, checkpoints and `metrics.json` there.
pub fn run(
    config: &RunConfig,
    data: &Prepared,
    run_dir: Option<&Path>,
    resume: bool,
    progress: bool,
) -> Result<RunResult> {
    let mut rng = StdRng::seed_from_u64(config.train.seed);
    let mut model = Classifier::<f32>::new(config.shape(), &mut rng);
    if let Some(dir) = run_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the run folder {}", dir.display()))?;
        std::fs::write(
            dir.join("config.json"),
            serde_json::to_string_pretty(config)?,
        )?;
    }
    let parameters = model.parameter_count();
    let log = train(&mut model, data, &config.train, run_dir, resume, progress)?;
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

/// Read a run folder's configuration.
pub fn load_config(run_dir: &Path) -> Result<RunConfig> {
    let path: PathBuf = run_dir.join("config.json");
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {}; is {} a run folder?",
            path.display(),
            run_dir.display()
        )
    })?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not a run configuration", path.display()))
}
