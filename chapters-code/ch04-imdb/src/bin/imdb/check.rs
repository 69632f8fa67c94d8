//! `imdb check`: the real-data check of CI.

use anyhow::{Context, Result, bail};
use clap::Args;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::prepare::prepare;
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::{RunConfig, run};

#[derive(Args)]
pub struct Check {
    #[command(flatten)]
    pub data: DataArgs,
    /// The least test accuracy a working model always reaches after one epoch.
    #[arg(long, default_value_t = 0.74)]
    pub floor: f64,
    /// The seed of the initial weights, the validation split and the batch order.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// The cells to check, each trained one epoch from the same data.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "lstm")]
    pub cells: Vec<CellKind>,
}

impl Check {
    pub fn run(self) -> Result<()> {
        let Check {
            data,
            floor,
            seed,
            cells,
        } = self;
        let base = RunConfig::seeded(CellKind::Lstm, Head::LastReal, 1, seed);
        base.validate()?;
        let root = locate(&data.options())
            .context("the real-data check needs the IMDB dataset")?;
        let prepared = prepare(&root, &base.prep)?;
        if prepared.train.len() + prepared.validation.len() != 25_000
            || prepared.test.len() != 25_000
        {
            bail!(
                "expected 25,000 training and 25,000 test reviews, found {} and {}",
                prepared.train.len() + prepared.validation.len(),
                prepared.test.len()
            );
        }
        let mut failed = Vec::new();
        for &cell in &cells {
            let config = RunConfig { cell, ..base };
            let result = run(&config, &prepared, None, false, false)?;
            let accuracy = result.log.test_accuracy;
            let epoch = &result.log.epochs[0];
            println!(
                "real-data check: masked model, {cell}, 1 epoch: test accuracy {accuracy:.4} (floor {floor}), epoch {:.1} s, peak {:.0} MiB",
                epoch.seconds, epoch.peak_memory_mib
            );
            if accuracy.is_nan() || accuracy < floor {
                failed.push(format!(
                    "{cell}: test accuracy {accuracy:.4} is below the floor {floor}"
                ));
            }
        }
        println!(
            "{} passed, {} failed",
            cells.len() - failed.len(),
            failed.len()
        );
        if !failed.is_empty() {
            bail!("{}", failed.join("; "));
        }
        Ok(())
    }
}
