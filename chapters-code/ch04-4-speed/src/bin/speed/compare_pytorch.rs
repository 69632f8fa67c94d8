//! `speed compare-pytorch`: our fast path against PyTorch, epochs alternating in one run.

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
pub struct ComparePytorch {
    #[command(flatten)]
    pub data: DataArgs,
    /// A Python with PyTorch and NumPy (see the README: a virtual environment).
    #[arg(long, default_value = "python3")]
    pub python: PathBuf,
    /// Alternating rounds per cell (one epoch each side per round).
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Threads for PyTorch (ours use every core: the machine's count).
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// The cells to compare (comma-separated).
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "lstm-fast,gru-fast,rnn-fast"
    )]
    pub cells: Vec<CellKind>,
    /// The seed of the initial weights, the validation split and the batch order.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// A note on the machine (e.g. "shared VM"), recorded with its processor and cores.
    #[arg(long)]
    pub machine: Option<String>,
    /// Where to write the results (JSON); default book/results/ch03-4-pytorch.json
    /// for the book's settings, else target/custom/; checked before any work.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

impl ComparePytorch {
    pub fn run(self) -> Result<()> {
        let ComparePytorch {
            data,
            python,
            rounds,
            threads,
            cells,
            seed,
            machine,
            out,
        } = self;
        use speed::compare::{self, ArraysMeta, Comparison, PyTorch, Round};
        // The book's settings: PyTorch on two threads, the three fast cells,
        // seed 42 (more or fewer rounds only measure the same thing again).
        let book = threads == 2
            && cells == [CellKind::LstmFast, CellKind::GruFast, CellKind::RnnFast]
            && seed == 42;
        let out = results_file(out.as_deref(), "ch03-4-pytorch.json", false, book)?;
        let version = compare::check_python(&python)?;
        eprintln!("PyTorch {version} found in {}", python.display());
        let config = RunConfig::seeded(CellKind::LstmFast, Head::LastReal, 1, seed);
        let root = locate(&data.options())?;
        eprintln!(
            "data: {} (reading, tokenizing and padding the reviews…)",
            root.display()
        );
        let prepared = prepare(&root, &config.prep)?;
        let meta = ArraysMeta {
            num_words: config.prep.num_words,
            embedding_dim: config.embedding_dim,
            hidden: config.hidden,
            batch_size: config.train.batch_size,
        };
        let arrays = compare::arrays_dir();
        compare::write_arrays(&arrays, &prepared.train, meta)?;
        let script = PathBuf::from("compare/pytorch_epoch.py");
        let mut torch = PyTorch::start(&python, &script, &arrays, threads, seed)?;
        eprintln!("PyTorch: {}", torch.info);
        let mut results = Vec::new();
        for &cell in &cells {
            for round in 1..=rounds {
                let mut ours = config;
                ours.cell = cell;
                let rust = run(&ours, &prepared, None, false, true)?.log.epochs[0].seconds;
                eprintln!(
                    "{cell} round {round}: PyTorch's epoch (no progress bar from its side)…"
                );
                let theirs = torch.epoch(cell)?;
                eprintln!(
                    "{cell} round {round}: ours {rust:.2} s, PyTorch {:.2} s (ratio {:.2})",
                    theirs.seconds,
                    rust / theirs.seconds
                );
                results.push(Round {
                    cell,
                    round,
                    rust_seconds: rust,
                    pytorch_seconds: theirs.seconds,
                });
            }
        }
        let summary = compare::summarise(&results);
        for s in &summary {
            println!(
                "{}: median epoch ours {:.2} s, PyTorch {:.2} s: ratio {:.2} ({:.2}× faster)",
                s.cell,
                s.rust_median_seconds,
                s.pytorch_median_seconds,
                s.ratio,
                1.0 / s.ratio
            );
        }
        let record = Comparison {
            provenance: fileio::Provenance::capture(machine.as_deref()),
            pytorch: torch.info.clone(),
            reviews: prepared.train.len(),
            batches: prepared.train.len().div_ceil(config.train.batch_size),
            rust_threads: numeric::threads::default_threads(),
            rust_peak_memory_mib: sentiment::train::peak_memory_mib(),
            rounds: results,
            summary,
        };
        fileio::save_json(&out, &record)?;
        println!("recorded in {}", out.display());
        Ok(())
    }
}
