//! `speed bench-epoch`: one training epoch of the article's model on the real data, timed.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use imdb_data::dataset::{DataArgs, locate};
use imdb_data::prepare::prepare;
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::{RunConfig, run};

#[derive(Args)]
pub struct BenchEpoch {
    #[command(flatten)]
    pub data: DataArgs,
    /// The recurrent cell to time (the -fast ones are section 3.4's fast path).
    #[arg(long, value_enum, default_value = "lstm-fast")]
    pub cell: CellKind,
    /// The machine's peak f32 rate in GFLOP/s to compare against, as `speed peak` measures it (optional).
    #[arg(long)]
    pub peak_gflops: Option<f64>,
    /// The seed of the initial weights, the validation split and the batch order.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Lazy (sparse) Adam for the embedding: update only the rows a batch used.
    #[arg(long)]
    pub lazy_embedding: bool,
    /// Train this many epochs and report the median epoch.
    #[arg(long, default_value_t = 1)]
    pub repeat: usize,
    /// Add the result as a row of this steps file (see compare/steps.sh).
    #[arg(long, requires = "step")]
    pub record: Option<PathBuf>,
    /// The row's name in the steps file.
    #[arg(long)]
    pub step: Option<String>,
    /// A note on the machine (e.g. "shared VM"), recorded with its processor and cores.
    #[arg(long)]
    pub machine: Option<String>,
}

impl BenchEpoch {
    pub fn run(self) -> Result<()> {
        let BenchEpoch {
            data,
            cell,
            peak_gflops,
            seed,
            lazy_embedding,
            repeat,
            record,
            step,
            machine,
        } = self;
        let mut config = RunConfig::seeded(cell, Head::LastReal, repeat.max(1), seed);
        config.train.lazy_embedding = lazy_embedding;
        config.validate()?;
        if let Some(path) = &record {
            fileio::output::check_output(path, "--record")?;
        }
        let root = locate(&data.options())?;
        eprintln!(
            "data: {} (reading, tokenizing and padding the reviews…)",
            root.display()
        );
        let prepared = prepare(&root, &config.prep)?;
        let result = run(&config, &prepared, None, false, true)?;
        let seconds: Vec<f64> = result.log.epochs.iter().map(|e| e.seconds).collect();
        let median = numeric::stats::median(&seconds);
        let peak = result.log.epochs.last().map_or(0.0, |e| e.peak_memory_mib);
        let sequences = prepared.train.len() as u64;
        let batches = prepared.train.len().div_ceil(config.train.batch_size);
        let flops = speed::flops::training_flops(
            cell,
            sequences,
            config.prep.maxlen as u64,
            config.embedding_dim as u64,
            config.hidden as u64,
        );
        let gflops = flops as f64 / 1e9 / median;
        let threads = numeric::threads::default_threads();
        let features = fast_rnn::fastmath::build_features();
        println!(
            "{cell}: one epoch of {batches} batches ({sequences} reviews) in {median:.2} s (median of {}): {:.1} batches/s, peak memory {peak:.0} MiB; {threads} threads, build features: {}",
            seconds.len(),
            batches as f64 / median,
            if features.is_empty() {
                "none".to_owned()
            } else {
                features.join(", ")
            }
        );
        println!(
            "recurrent layer: {:.1} GFLOP per epoch, {gflops:.1} GFLOP/s",
            flops as f64 / 1e9
        );
        if let Some(peak) = peak_gflops {
            println!(
                "  = {:.1}% of the peak {peak} GFLOP/s given (floor: {:.2} s per epoch)",
                100.0 * gflops / peak,
                flops as f64 / 1e9 / peak
            );
        }
        if let (Some(path), Some(step)) = (record, step) {
            let row = speed::ablation::StepRow {
                step,
                cell,
                lazy_embedding,
                features: features.iter().map(|f| f.to_string()).collect(),
                threads,
                epoch_seconds: seconds,
                median_seconds: median,
                batches,
                peak_memory_mib: peak,
            };
            speed::ablation::record(
                &path,
                fileio::Provenance::capture(machine.as_deref()),
                row,
            )?;
            println!("recorded in {}", path.display());
        }
        Ok(())
    }
}
