//! `speed fast-accuracy`: does the fast path train as well as the readable one?

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::prepare::prepare;
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::{RunConfig, run};

#[derive(Args)]
pub struct FastAccuracy {
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, default_value_t = 5)]
    pub epochs: usize,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    #[arg(long, default_value = "unrecorded")]
    pub machine: String,
    #[arg(long, default_value = "book/results/ch03-4-accuracy.json")]
    pub out: PathBuf,
}

impl FastAccuracy {
    pub fn run(self) -> Result<()> {
        let FastAccuracy {
            data,
            epochs,
            seed,
            machine,
            out,
        } = self;
        use speed::speedcheck::{AccuracyRecord, AccuracyRun};
        let root = locate(&data.options())?;
        let base = RunConfig::seeded(CellKind::Lstm, Head::LastReal, epochs, seed);
        let prepared = prepare(&root, &base.prep)?;
        let setups = [
            (CellKind::Lstm, false),
            (CellKind::LstmFast, false),
            (CellKind::LstmFast, true),
            (CellKind::Gru, false),
            (CellKind::GruFast, false),
            (CellKind::Rnn, false),
            (CellKind::RnnFast, false),
        ];
        let mut runs = Vec::new();
        for (cell, lazy) in setups {
            let mut config = base;
            config.cell = cell;
            config.train.lazy_embedding = lazy;
            eprintln!(
                "{cell:?}{}:",
                if lazy { " (lazy embedding Adam)" } else { "" }
            );
            let result = run(&config, &prepared, None, false, true)?;
            runs.push(AccuracyRun::from_result(&result));
        }
        let record = AccuracyRecord {
            command: format!("speed fast-accuracy --epochs {epochs} --seed {seed}"),
            machine,
            runs,
        };
        for line in record.summary_lines() {
            println!("{line}");
        }
        fileio::save_json(&out, &record)?;
        println!("recorded in {}", out.display());
        Ok(())
    }
}
