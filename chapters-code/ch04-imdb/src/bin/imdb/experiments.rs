//! `imdb experiments`: the chapter's models, trained and recorded for the book.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::prepare::prepare;
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::{RunConfig, RunResult, check_resume, run};

use crate::setup::at_least_one;

#[derive(Args)]
pub struct Experiments {
    #[command(flatten)]
    pub data: DataArgs,
    /// Where to write the results (JSON).
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 5, value_parser = at_least_one)]
    pub epochs: usize,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Folder for the runs' checkpoints (a run's checkpoint there is resumed
    /// if the same settings made it, and refused otherwise).
    #[arg(long, default_value = "runs")]
    pub runs: PathBuf,
    /// A description of the machine, recorded with the results.
    #[arg(long, default_value = "unrecorded")]
    pub machine: String,
}

impl Experiments {
    pub fn run(self) -> Result<()> {
        let Experiments {
            data,
            out,
            epochs,
            seed,
            runs,
            machine,
        } = self;
        let setups = [
            (CellKind::Lstm, Head::PerStep),
            (CellKind::Lstm, Head::LastState),
            (CellKind::Lstm, Head::LastReal),
            (CellKind::Gru, Head::LastReal),
            (CellKind::Rnn, Head::LastReal),
            (CellKind::LstmFast, Head::LastReal),
        ];
        let runs_of = |(cell, head): (CellKind, Head)| {
            (
                RunConfig::seeded(cell, head, epochs, seed),
                runs.join(format!("{cell:?}-{head:?}").to_lowercase()),
            )
        };
        // Every setting and every checkpoint to resume, before the data is read.
        for (config, dir) in setups.map(runs_of) {
            config.validate()?;
            check_resume(&config, &dir)?;
        }
        let root = locate(&data.options())?;
        let mut prepared = None;
        let mut results: Vec<RunResult> = Vec::new();
        for (config, dir) in setups.map(runs_of) {
            let data = prepared.get_or_insert_with(|| prepare(&root, &config.prep));
            let data = data.as_ref().map_err(|e| anyhow::anyhow!("{e}"))?;
            eprintln!("== {:?} {:?}", config.cell, config.head);
            results.push(run(&config, data, Some(&dir), true, true)?);
        }
        let record = serde_json::json!({
            "command": format!("imdb experiments --epochs {epochs} --seed {seed}"),
            "machine": machine,
            "runs": results,
        });
        fileio::write_atomically(
            &out,
            (serde_json::to_string_pretty(&record)? + "\n").as_bytes(),
        )?;
        println!("wrote {}", out.display());
        Ok(())
    }
}
