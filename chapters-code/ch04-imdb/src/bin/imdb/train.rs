//! `imdb train`: one model, trained and saved in a run folder.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::prepare::prepare;
use sentiment::interrupt::stop_on_ctrl_c;
use sentiment::run::{check_resume, lock_run_dir, run_locked};
use sentiment::train::checkpoint_path;

use crate::setup::Setup;

#[derive(Args)]
pub struct Train {
    #[command(flatten)]
    pub setup: Setup,
    #[command(flatten)]
    pub data: DataArgs,
    /// The run folder (default: runs/CELL-HEAD without hyphens, e.g. runs/lstm-lastreal).
    #[arg(long)]
    pub run_dir: Option<PathBuf>,
    /// Continue from the run folder's last checkpoint (made with the same
    /// settings, except --epochs, which may be larger). Ctrl-C during
    /// training stops after the current batch and keeps the last complete
    /// epoch's checkpoint, to continue with --resume.
    #[arg(long)]
    pub resume: bool,
}

impl Train {
    pub fn run(self) -> Result<()> {
        let Train {
            setup,
            data,
            run_dir,
            resume,
        } = self;
        let config = setup.config();
        config.validate()?;
        let dir = run_dir.unwrap_or_else(|| {
            PathBuf::from(
                format!("runs/{:?}-{:?}", config.cell, config.head).to_lowercase(),
            )
        });
        // Before the data is read: the checkpoint must be there, and be this run's.
        if resume && check_resume(&config, &dir)?.is_none() {
            bail!(
                "cannot resume {}: there is no checkpoint ({}); leave out --resume to start afresh",
                dir.display(),
                checkpoint_path(&dir).display()
            );
        }
        // The run folder is made and locked before the data is read: a
        // folder that cannot be written, or that another training holds,
        // is reported at once.
        let lock = lock_run_dir(&dir)?;
        let root = locate(&data.options())?;
        eprintln!(
            "data: {} (reading, tokenizing and padding the reviews…)",
            root.display()
        );
        let prepared = prepare(&root, &config.prep)?;
        if let Err(e) = stop_on_ctrl_c() {
            eprintln!(
                "warning: Ctrl-C will end the training at once, not after its batch: {e}"
            );
        }
        let result = run_locked(&config, &prepared, &lock, resume, true)?;
        println!(
            "{}: test accuracy {:.4} (epoch {} chosen on validation); metrics in {}",
            dir.display(),
            result.log.test_accuracy,
            result.log.chosen_epoch,
            dir.join("metrics.json").display()
        );
        Ok(())
    }
}
