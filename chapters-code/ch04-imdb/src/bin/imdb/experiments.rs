//! `imdb experiments`: the chapter's models, trained and recorded for the book.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::prepare::prepare;
use recurrent::CellKind;
use sentiment::interrupt::stop_on_ctrl_c;
use sentiment::model::Head;
use sentiment::run::{RunConfig, RunResult, check_resume, lock_run_dir, run_locked};

use crate::setup::at_least_one;

#[derive(Args)]
pub struct Experiments {
    #[command(flatten)]
    pub data: DataArgs,
    /// Where to write the results (JSON); checked before any work.
    #[arg(long)]
    pub out: PathBuf,
    /// Epochs of every model.
    #[arg(long, default_value_t = 5, value_parser = at_least_one)]
    pub epochs: usize,
    /// The seed of the initial weights, the validation split and the batch order.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Folder for the runs' checkpoints (a run's checkpoint there is resumed
    /// if the same settings made it, and refused otherwise).
    #[arg(long, default_value = "runs")]
    pub runs: PathBuf,
    /// A note on the machine (e.g. "shared VM"), recorded with its processor and cores.
    #[arg(long)]
    pub machine: Option<String>,
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
                runs.join(run_name(cell, head)),
            )
        };
        // Every setting, every checkpoint to resume, the results file and
        // the run folders (made and locked), before the data is read.
        for (config, dir) in setups.map(runs_of) {
            config.validate()?;
            check_resume(&config, &dir)?;
        }
        fileio::output::check_output(&out, "--out")?;
        let locks = setups
            .map(runs_of)
            .map(|(_, dir)| lock_run_dir(&dir))
            .into_iter()
            .collect::<Result<Vec<_>>>()?;
        let root = locate(&data.options())?;
        if let Err(e) = stop_on_ctrl_c() {
            eprintln!(
                "warning: Ctrl-C will end the runs at once, not after their batch: {e}"
            );
        }
        let mut prepared = None;
        let mut results: Vec<RunResult> = Vec::new();
        for ((config, _), lock) in setups.map(runs_of).into_iter().zip(&locks) {
            let data = prepared.get_or_insert_with(|| prepare(&root, &config.prep));
            let data = data.as_ref().map_err(|e| anyhow::anyhow!("{e}"))?;
            eprintln!("== {}, {} head", config.cell, config.head);
            results.push(run_locked(&config, data, lock, true, true)?);
        }
        let tested = match &prepared {
            Some(Ok(data)) => data.test.len(),
            _ => 0,
        };
        let names: Vec<String> = setups.map(|(cell, head)| run_name(cell, head)).into();
        let record = serde_json::json!({
            "provenance": fileio::Provenance::capture(machine.as_deref()),
            "runs": named(&names, &results)?,
            "paired": imdb_sentiment::paired::all_pairs(&names, &results, tested)?,
        });
        fileio::write_atomically(
            &out,
            (serde_json::to_string_pretty(&record)? + "\n").as_bytes(),
        )?;
        println!("wrote {}", out.display());
        Ok(())
    }
}

/// A run's name, also its folder under `--runs`: e.g. `lstm-lastreal`.
fn run_name(cell: CellKind, head: Head) -> String {
    format!("{cell:?}-{head:?}").to_lowercase()
}

/// The runs as JSON, each with its `name` first.
fn named(names: &[String], results: &[RunResult]) -> Result<Vec<serde_json::Value>> {
    names
        .iter()
        .zip(results)
        .map(|(name, result)| {
            let mut value = serde_json::json!({ "name": name });
            let serde_json::Value::Object(fields) = serde_json::to_value(result)? else {
                anyhow::bail!("a run result is not a JSON object");
            };
            value.as_object_mut().expect("an object").extend(fields);
            Ok(value)
        })
        .collect()
}
