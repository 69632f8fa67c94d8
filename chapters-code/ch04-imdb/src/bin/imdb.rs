//! `imdb`: train, check and use the sentiment models of chapter 4.
//!
//! ```console
//! $ cargo run --release -p imdb-sentiment --bin imdb -- train --cell lstm --head last-real
//! $ cargo run --release -p imdb-sentiment --bin imdb -- classify --run-dir runs/lstm-last-real "A wonderful film."
//! $ cargo run --release -p imdb-sentiment --bin imdb -- check --archive ../shared/data/aclImdb_v1_labeled.tar.gz
//! $ cargo run --release -p imdb-sentiment --bin imdb -- experiments --out book/results/ch04-imdb.json
//! ```

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use imdb_sentiment::checkpoint;
use imdb_sentiment::dataset::{DataArgs, locate};
use imdb_sentiment::explain::explain;
use imdb_sentiment::model::Head;
use imdb_sentiment::pad::Side;
use imdb_sentiment::prepare::{PrepConfig, prepare};
use imdb_sentiment::recurrent::CellKind;
use imdb_sentiment::run::{RunConfig, RunResult, load_config, run};
use imdb_sentiment::vocab::Vocabulary;

#[derive(Parser)]
#[command(about = "IMDB sentiment with hand-written recurrent networks (chapter 4)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Setup {
    #[arg(long, value_enum, default_value = "lstm")]
    cell: CellKind,
    /// per-step: the article's model; last-state: the classic classifier; last-real: masked.
    #[arg(long, value_enum, default_value = "last-real")]
    head: Head,
    #[arg(long, default_value_t = 5)]
    epochs: usize,
    #[arg(long, default_value_t = 32)]
    batch_size: usize,
    #[arg(long, default_value_t = 50)]
    maxlen: usize,
    #[arg(long, default_value_t = 20_000)]
    num_words: usize,
    #[arg(long, value_enum, default_value = "post")]
    padding: Side,
    #[arg(long, value_enum, default_value = "pre")]
    truncating: Side,
    /// Clip the global gradient norm to this value.
    #[arg(long)]
    clip: Option<f64>,
    /// Use only this many reviews of each split (half of each class).
    #[arg(long)]
    limit: Option<usize>,
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

impl Setup {
    fn config(&self) -> RunConfig {
        let mut config = RunConfig::article(self.cell, self.head);
        config.prep = PrepConfig {
            num_words: self.num_words,
            maxlen: self.maxlen,
            padding: self.padding,
            truncating: self.truncating,
            limit: self.limit,
            seed: self.seed,
            ..PrepConfig::default()
        };
        config.train.epochs = self.epochs;
        config.train.batch_size = self.batch_size;
        config.train.seed = self.seed;
        config.train.clip = self.clip;
        config
    }
}

#[derive(Subcommand)]
enum Command {
    /// Train one model and save it in a run folder.
    Train {
        #[command(flatten)]
        setup: Setup,
        #[command(flatten)]
        data: DataArgs,
        /// The run folder (default: runs/<cell>-<head>).
        #[arg(long)]
        run_dir: Option<PathBuf>,
        /// Continue from the run folder's last checkpoint.
        #[arg(long)]
        resume: bool,
    },
    /// Classify a text with a trained model and show which tokens moved the prediction.
    Classify {
        #[arg(long)]
        run_dir: PathBuf,
        /// How many tokens to show.
        #[arg(long, default_value_t = 8)]
        top: usize,
        text: String,
    },
    /// The real-data check of CI: train the masked LSTM for one epoch and fail below a floor.
    Check {
        #[command(flatten)]
        data: DataArgs,
        /// The least test accuracy a working model always reaches after one epoch.
        #[arg(long, default_value_t = 0.74)]
        floor: f64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// The cells to check, each trained one epoch from the same data.
        #[arg(long, value_enum, value_delimiter = ',', default_value = "lstm")]
        cells: Vec<CellKind>,
    },
    /// Time one training epoch of the article's model on the real data: seconds,
    /// batches per second, peak memory, and GFLOP/s of the recurrent layer's products.
    BenchEpoch {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long, value_enum, default_value = "lstm-fast")]
        cell: CellKind,
        /// The machine's peak f32 rate in GFLOP/s, to compare against (2 cores with AVX-512 FMA at ~3 GHz: about 190).
        #[arg(long, default_value_t = 190.0)]
        peak_gflops: f64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Lazy (sparse) Adam for the embedding: update only the rows a batch used.
        #[arg(long)]
        lazy_embedding: bool,
        /// Train this many epochs and report the median epoch.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
        /// Add the result as a row of this steps file (see compare/steps.sh).
        #[arg(long, requires = "step")]
        record: Option<PathBuf>,
        /// The row's name in the steps file.
        #[arg(long)]
        step: Option<String>,
        /// A description of the machine, for the steps file.
        #[arg(long, default_value = "unrecorded")]
        machine: String,
        /// The date, for the steps file (YYYY-MM-DD).
        #[arg(long, default_value = "undated")]
        date: String,
    },
    /// Time our fast path against PyTorch on the same machine, in one run:
    /// the same model, the same training arrays, epochs alternating, for each
    /// cell; prints the ratios and records them (book/results/ch03-4-pytorch.json).
    ComparePytorch {
        #[command(flatten)]
        data: DataArgs,
        /// A Python with PyTorch and NumPy (see the README: a virtual environment).
        #[arg(long, default_value = "python3")]
        python: PathBuf,
        /// Alternating rounds per cell (one epoch each side per round).
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Threads for PyTorch (ours use every core: the machine's count).
        #[arg(long, default_value_t = 2)]
        threads: usize,
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            default_value = "lstm-fast,gru-fast,rnn-fast"
        )]
        cells: Vec<CellKind>,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// A description of the machine, recorded with the results.
        #[arg(long, default_value = "unrecorded")]
        machine: String,
        /// The date of the run, recorded with the results (YYYY-MM-DD).
        #[arg(long, default_value = "undated")]
        date: String,
        #[arg(long, default_value = "book/results/ch03-4-pytorch.json")]
        out: PathBuf,
    },
    /// Five epochs of each cell on the readable and on the fast path (and the
    /// fast LSTM with lazy embedding Adam), from the same initial weights:
    /// test accuracy and epoch times (book/results/ch03-4-accuracy.json).
    FastAccuracy {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long, default_value_t = 5)]
        epochs: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value = "unrecorded")]
        machine: String,
        #[arg(long, default_value = "book/results/ch03-4-accuracy.json")]
        out: PathBuf,
    },
    /// Length statistics of the reviews (in ids, start marker included): how much maxlen keeps.
    Stats {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long, default_value_t = 50)]
        maxlen: usize,
    },
    /// The chapter's experiments: models (a), (b), (c) with the LSTM, (c) with the GRU, the vanilla RNN and the fast LSTM of section 3.4.
    Experiments {
        #[command(flatten)]
        data: DataArgs,
        /// Where to write the results (JSON).
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 5)]
        epochs: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Folder for the runs' checkpoints.
        #[arg(long, default_value = "runs")]
        runs: PathBuf,
        /// A description of the machine, recorded with the results.
        #[arg(long, default_value = "unrecorded")]
        machine: String,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Train {
            setup,
            data,
            run_dir,
            resume,
        } => {
            let config = setup.config();
            let root = locate(&data.options())?;
            eprintln!(
                "data: {} (reading, tokenizing and padding the reviews…)",
                root.display()
            );
            let prepared = prepare(&root, &config.prep)?;
            let dir = run_dir.unwrap_or_else(|| {
                PathBuf::from(
                    format!("runs/{:?}-{:?}", config.cell, config.head).to_lowercase(),
                )
            });
            let result = run(&config, &prepared, Some(&dir), resume, true)?;
            println!(
                "{}: test accuracy {:.4} (epoch {} chosen on validation); metrics in {}",
                dir.display(),
                result.log.test_accuracy,
                result.log.chosen_epoch,
                dir.join("metrics.json").display()
            );
            Ok(())
        }
        Command::Classify { run_dir, top, text } => {
            let config = load_config(&run_dir)?;
            let model = checkpoint::load(&run_dir.join("model.safetensors"))?.model;
            let vocab = Vocabulary::load(&run_dir.join("vocab.txt"))?;
            let (p, mut effects) = explain(
                &model,
                &vocab,
                &text,
                config.prep.maxlen,
                config.prep.padding,
                config.prep.truncating,
            );
            println!(
                "P(positive) = {p:.4}: {}",
                if p > 0.5 { "positive" } else { "negative" }
            );
            effects.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()));
            for e in effects.iter().take(top) {
                println!("  {:>+8.4}  {}", e.effect, e.token);
            }
            Ok(())
        }
        Command::Check {
            data,
            floor,
            seed,
            cells,
        } => {
            let base = RunConfig::seeded(CellKind::Lstm, Head::LastReal, 1, seed);
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
                    "real-data check: masked model, {cell:?}, 1 epoch: test accuracy {accuracy:.4} (floor {floor}), epoch {:.1} s, peak {:.0} MiB",
                    epoch.seconds, epoch.peak_memory_mib
                );
                if accuracy.is_nan() || accuracy < floor {
                    failed.push(format!(
                        "{cell:?}: test accuracy {accuracy:.4} is below the floor {floor}"
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
        Command::BenchEpoch {
            data,
            cell,
            peak_gflops,
            seed,
            lazy_embedding,
            repeat,
            record,
            step,
            machine,
            date,
        } => {
            let mut config = RunConfig::seeded(cell, Head::LastReal, repeat.max(1), seed);
            config.train.lazy_embedding = lazy_embedding;
            let root = locate(&data.options())?;
            eprintln!(
                "data: {} (reading, tokenizing and padding the reviews…)",
                root.display()
            );
            let prepared = prepare(&root, &config.prep)?;
            let result = run(&config, &prepared, None, false, true)?;
            let seconds: Vec<f64> = result.log.epochs.iter().map(|e| e.seconds).collect();
            let median = imdb_sentiment::compare::median(&seconds);
            let peak = result.log.epochs.last().map_or(0.0, |e| e.peak_memory_mib);
            let sequences = prepared.train.len() as u64;
            let batches = prepared.train.len().div_ceil(config.train.batch_size);
            let flops = imdb_sentiment::flops::training_flops(
                cell,
                sequences,
                config.prep.maxlen as u64,
                config.embedding_dim as u64,
                config.hidden as u64,
            );
            let gflops = flops as f64 / 1e9 / median;
            let threads = fast_rnn::parallel::default_threads();
            let features = fast_rnn::fastmath::build_features();
            println!(
                "{cell:?}: one epoch of {batches} batches ({sequences} reviews) in {median:.2} s (median of {}): {:.1} batches/s, peak memory {peak:.0} MiB; {threads} threads, build features {features:?}",
                seconds.len(),
                batches as f64 / median,
            );
            println!(
                "recurrent layer: {:.1} GFLOP per epoch, {gflops:.1} GFLOP/s = {:.1}% of the assumed peak {peak_gflops} GFLOP/s (bound: {:.2} s per epoch)",
                flops as f64 / 1e9,
                100.0 * gflops / peak_gflops,
                flops as f64 / 1e9 / peak_gflops
            );
            if let (Some(path), Some(step)) = (record, step) {
                let row = imdb_sentiment::ablation::StepRow {
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
                imdb_sentiment::ablation::record(&path, &machine, &date, row)?;
                println!("recorded in {}", path.display());
            }
            Ok(())
        }
        Command::ComparePytorch {
            data,
            python,
            rounds,
            threads,
            cells,
            seed,
            machine,
            date,
            out,
        } => compare_pytorch(
            &data, &python, rounds, threads, &cells, seed, machine, date, &out,
        ),
        Command::FastAccuracy {
            data,
            epochs,
            seed,
            machine,
            out,
        } => fast_accuracy(&data, epochs, seed, machine, &out),
        Command::Stats { data, maxlen } => {
            let root = locate(&data.options())?;
            let train = imdb_sentiment::loader::load_split(
                &root,
                imdb_sentiment::loader::Split::Train,
            )?;
            let vocab = Vocabulary::build(train.iter().map(|r| r.text.as_str()), 20_000);
            let mut lengths: Vec<usize> =
                train.iter().map(|r| vocab.encode(&r.text).len()).collect();
            lengths.sort_unstable();
            let shorter = lengths.iter().filter(|&&l| l < maxlen).count();
            let kept: usize = lengths.iter().map(|&l| l.min(maxlen)).sum();
            let total: usize = lengths.iter().sum();
            println!(
                "training reviews: {}; ids per review: median {}, mean {:.0}, 90th percentile {}",
                lengths.len(),
                lengths[lengths.len() / 2],
                total as f64 / lengths.len() as f64,
                lengths[lengths.len() * 9 / 10]
            );
            println!(
                "maxlen {maxlen}: {:.1}% of reviews are shorter (and get padding); {:.1}% of all ids are kept",
                100.0 * shorter as f64 / lengths.len() as f64,
                100.0 * kept as f64 / total as f64
            );
            Ok(())
        }
        Command::Experiments {
            data,
            out,
            epochs,
            seed,
            runs,
            machine,
        } => {
            let root = locate(&data.options())?;
            let setups = [
                (CellKind::Lstm, Head::PerStep),
                (CellKind::Lstm, Head::LastState),
                (CellKind::Lstm, Head::LastReal),
                (CellKind::Gru, Head::LastReal),
                (CellKind::Rnn, Head::LastReal),
                (CellKind::LstmFast, Head::LastReal),
            ];
            let mut prepared = None;
            let mut results: Vec<RunResult> = Vec::new();
            for (cell, head) in setups {
                let config = RunConfig::seeded(cell, head, epochs, seed);
                let data = prepared.get_or_insert_with(|| prepare(&root, &config.prep));
                let data = data.as_ref().map_err(|e| anyhow::anyhow!("{e}"))?;
                let dir = runs.join(format!("{cell:?}-{head:?}").to_lowercase());
                eprintln!("== {cell:?} {head:?}");
                results.push(run(&config, data, Some(&dir), true, true)?);
            }
            let record = serde_json::json!({
                "command": format!("imdb experiments --epochs {epochs} --seed {seed}"),
                "machine": machine,
                "runs": results,
            });
            figures::write_atomically(
                &out,
                (serde_json::to_string_pretty(&record)? + "\n").as_bytes(),
            )?;
            println!("wrote {}", out.display());
            Ok(())
        }
    }
}

/// `imdb compare-pytorch`: alternate one epoch of ours and one of PyTorch's, per cell and round.
#[allow(clippy::too_many_arguments)]
fn compare_pytorch(
    data: &DataArgs,
    python: &std::path::Path,
    rounds: usize,
    threads: usize,
    cells: &[CellKind],
    seed: u64,
    machine: String,
    date: String,
    out: &std::path::Path,
) -> Result<()> {
    use imdb_sentiment::compare::{self, ArraysMeta, Comparison, PyTorch, Round};
    let version = compare::check_python(python)?;
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
    let mut torch = PyTorch::start(python, &script, &arrays, threads, seed)?;
    eprintln!("PyTorch: {}", torch.info);
    let mut results = Vec::new();
    for &cell in cells {
        for round in 1..=rounds {
            let mut ours = config;
            ours.cell = cell;
            let rust = run(&ours, &prepared, None, false, true)?.log.epochs[0].seconds;
            eprintln!(
                "{cell:?} round {round}: PyTorch's epoch (no progress bar from its side)…"
            );
            let theirs = torch.epoch(cell)?;
            eprintln!(
                "{cell:?} round {round}: ours {rust:.2} s, PyTorch {:.2} s (ratio {:.2})",
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
            "{:?}: median epoch ours {:.2} s, PyTorch {:.2} s: ratio {:.2} ({:.2}× faster)",
            s.cell,
            s.rust_median_seconds,
            s.pytorch_median_seconds,
            s.ratio,
            1.0 / s.ratio
        );
    }
    let record = Comparison {
        command: format!(
            "imdb compare-pytorch --rounds {rounds} --threads {threads} --seed {seed}"
        ),
        machine,
        date,
        pytorch: torch.info.clone(),
        reviews: prepared.train.len(),
        batches: prepared.train.len().div_ceil(config.train.batch_size),
        rust_threads: fast_rnn::parallel::default_threads(),
        rust_peak_memory_mib: imdb_sentiment::train::peak_memory_mib(),
        rounds: results,
        summary,
    };
    figures::save_json(out, &record)?;
    println!("recorded in {}", out.display());
    Ok(())
}

/// `imdb fast-accuracy`: each cell readable and fast, and the fast LSTM with lazy embedding Adam.
fn fast_accuracy(
    data: &DataArgs,
    epochs: usize,
    seed: u64,
    machine: String,
    out: &std::path::Path,
) -> Result<()> {
    use imdb_sentiment::speedcheck::{AccuracyRecord, AccuracyRun};
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
        command: format!("imdb fast-accuracy --epochs {epochs} --seed {seed}"),
        machine,
        runs,
    };
    for line in record.summary_lines() {
        println!("{line}");
    }
    figures::save_json(out, &record)?;
    println!("recorded in {}", out.display());
    Ok(())
}
