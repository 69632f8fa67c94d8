//! `speed fast-accuracy`: does the fast path train as well as the readable one?

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use fileio::output::results_file;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::prepare::prepare;
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::{RunConfig, run};

#[derive(Args)]
pub struct FastAccuracy {
    #[command(flatten)]
    pub data: DataArgs,
    /// Epochs of every run.
    #[arg(long, default_value_t = 5)]
    pub epochs: usize,
    /// The seed of the initial weights, the validation split and the batch order.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// A note on the machine (e.g. "shared VM"), recorded with its processor and cores.
    #[arg(long)]
    pub machine: Option<String>,
    /// Where to write the results (JSON); default book/results/ch03-4-accuracy.json
    /// for the book's settings, else target/custom/; checked before any work.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// The book's run: five epochs from seed 42.
const BOOK: (usize, u64) = (5, 42);

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
        // The settings and the results file before anything is read or printed.
        let base = RunConfig::seeded(CellKind::Lstm, Head::LastReal, epochs, seed);
        base.validate()?;
        let out = results_file(
            out.as_deref(),
            "ch03-4-accuracy.json",
            false,
            (epochs, seed) == BOOK,
        )?;
        let root = locate(&data.options())?;
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
                "{cell}{}:",
                if lazy { " (lazy embedding Adam)" } else { "" }
            );
            let result = run(&config, &prepared, None, false, true)?;
            runs.push(AccuracyRun::from_result(&result));
        }
        let record = AccuracyRecord {
            provenance: fileio::Provenance::capture(machine.as_deref()),
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
