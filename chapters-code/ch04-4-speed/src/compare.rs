//! The same-run comparison with PyTorch: the training arrays written for a
//! Python process (`compare/pytorch_epoch.py`), which trains the same model
//! on them when asked, one epoch at a time, alternating with our own epochs.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use anyhow::{Context, Result, bail};
use numeric::stats::median;
use serde::{Deserialize, Serialize};

use imdb_data::prepare::Examples;
use recurrent::CellKind;

/// How to get a Python that can run the comparison.
pub const INSTALL_HINT: &str = "install PyTorch in a virtual environment: \
`python3 -m venv .venv-torch && .venv-torch/bin/pip install torch numpy`, \
then pass `--python .venv-torch/bin/python`";

/// Before any work: can `python` import PyTorch and NumPy? Returns PyTorch's version.
pub fn check_python(python: &Path) -> Result<String> {
    let output = Command::new(python)
        .args(["-c", "import numpy, torch; print(torch.__version__)"])
        .output()
        .with_context(|| format!("cannot start {}; {INSTALL_HINT}", python.display()))?;
    if !output.status.success() {
        bail!(
            "{} cannot import PyTorch and NumPy ({}); {INSTALL_HINT}",
            python.display(),
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .last()
                .unwrap_or("no message")
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The model's sizes and the batch size, written next to the arrays.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ArraysMeta {
    pub num_words: usize,
    pub embedding_dim: usize,
    pub hidden: usize,
    pub batch_size: usize,
}

// ANCHOR: arrays
/// Write the training examples as raw little-endian arrays with a JSON
/// description (`arrays.json`): `ids` (N, maxlen) u32, `labels` (N) f32,
/// `last_real` (N) u32, the position of each review's last real token.
pub fn write_arrays(dir: &Path, examples: &Examples, meta: ArraysMeta) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let ids = &examples.padded.ids;
    let (n, maxlen) = ids.dim();
    let last: Vec<u32> = (0..n)
        .map(|r| examples.padded.last_real(r) as u32)
        .collect();
    let files = [
        (
            "ids",
            "<u4",
            vec![n, maxlen],
            le_bytes(ids.iter().map(|v| v.to_le_bytes())),
        ),
        (
            "labels",
            "<f4",
            vec![n],
            le_bytes(examples.labels.iter().map(|v| v.to_le_bytes())),
        ),
        (
            "last_real",
            "<u4",
            vec![n],
            le_bytes(last.iter().map(|v| v.to_le_bytes())),
        ),
    ];
    let mut arrays = serde_json::Map::new();
    for (name, dtype, shape, bytes) in files {
        let file = format!("{name}.bin");
        let path = dir.join(&file);
        std::fs::write(&path, bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        arrays.insert(
            name.to_owned(),
            serde_json::json!({ "file": file, "dtype": dtype, "shape": shape }),
        );
    }
    let mut description = serde_json::to_value(meta)?;
    description["arrays"] = serde_json::Value::Object(arrays);
    let path = dir.join("arrays.json");
    std::fs::write(&path, serde_json::to_string_pretty(&description)?)
        .with_context(|| format!("cannot write {}", path.display()))
}
// ANCHOR_END: arrays

fn le_bytes(values: impl Iterator<Item = [u8; 4]>) -> Vec<u8> {
    values.flatten().collect()
}

/// The cell names the Python side knows.
pub fn torch_name(cell: CellKind) -> &'static str {
    match cell.readable() {
        CellKind::Lstm => "lstm",
        CellKind::Gru => "gru",
        _ => "rnn",
    }
}

/// One PyTorch epoch, as the script reports it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TorchEpoch {
    pub cell: String,
    pub seconds: f64,
    pub batches: usize,
    pub loss: f64,
}

/// A running `pytorch_epoch.py`, waiting for requests.
pub struct PyTorch {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// What the script said when it started (versions, threads).
    pub info: serde_json::Value,
}

impl PyTorch {
    /// Start `python script --arrays DIR --threads N --seed S` and wait until it is ready.
    pub fn start(
        python: &Path,
        script: &Path,
        arrays: &Path,
        threads: usize,
        seed: u64,
    ) -> Result<Self> {
        if !script.is_file() {
            bail!(
                "{} not found: run this from the repository's root",
                script.display()
            );
        }
        let mut child = Command::new(python)
            .arg(script)
            .arg("--arrays")
            .arg(arrays)
            .args([
                "--threads",
                &threads.to_string(),
                "--seed",
                &seed.to_string(),
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| {
                format!("cannot start {}; {INSTALL_HINT}", python.display())
            })?;
        let stdin = child.stdin.take().context("the child's standard input")?;
        let stdout =
            BufReader::new(child.stdout.take().context("the child's standard output")?);
        let mut torch = PyTorch {
            child,
            stdin,
            stdout,
            info: serde_json::Value::Null,
        };
        let info = torch.read_line().with_context(|| {
            format!(
                "{} could not run {} (is PyTorch installed?); {INSTALL_HINT}",
                python.display(),
                script.display()
            )
        })?;
        torch.info = info;
        Ok(torch)
    }

    /// Train one epoch of a new model with `cell` and report its time.
    pub fn epoch(&mut self, cell: CellKind) -> Result<TorchEpoch> {
        writeln!(self.stdin, "{}", torch_name(cell))?;
        self.stdin.flush()?;
        let answer = self.read_line()?;
        serde_json::from_value(answer.clone())
            .with_context(|| format!("unexpected answer from the PyTorch script: {answer}"))
    }

    fn read_line(&mut self) -> Result<serde_json::Value> {
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            bail!("the PyTorch script ended without answering");
        }
        serde_json::from_str(&line)
            .with_context(|| format!("not JSON from the PyTorch script: {line}"))
    }
}

impl Drop for PyTorch {
    fn drop(&mut self) {
        let _ = writeln!(self.stdin, "quit");
        let _ = self.stdin.flush();
        let _ = self.child.wait();
    }
}

/// One round: our epoch, then PyTorch's, for one cell.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Round {
    pub cell: CellKind,
    pub round: usize,
    pub rust_seconds: f64,
    pub pytorch_seconds: f64,
}

/// Medians over the rounds of one cell, and their ratio.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CellSummary {
    pub cell: CellKind,
    pub rust_median_seconds: f64,
    pub pytorch_median_seconds: f64,
    /// Our median epoch time over PyTorch's: below 1 means faster.
    pub ratio: f64,
}

/// A recorded comparison (book/results/ch03-4-pytorch.json).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comparison {
    /// The command line, commit, date and machine that made the file.
    pub provenance: fileio::Provenance,
    pub pytorch: serde_json::Value,
    pub reviews: usize,
    pub batches: usize,
    pub rust_threads: usize,
    /// Peak resident memory of the Rust process, MiB.
    pub rust_peak_memory_mib: f64,
    pub rounds: Vec<Round>,
    pub summary: Vec<CellSummary>,
}

/// Per-cell medians and ratios of the rounds, in the order the cells first appear.
pub fn summarise(rounds: &[Round]) -> Vec<CellSummary> {
    let mut cells: Vec<CellKind> = Vec::new();
    for r in rounds {
        if !cells.contains(&r.cell) {
            cells.push(r.cell);
        }
    }
    cells
        .into_iter()
        .map(|cell| {
            let of = |f: fn(&Round) -> f64| {
                median(
                    &rounds
                        .iter()
                        .filter(|r| r.cell == cell)
                        .map(f)
                        .collect::<Vec<_>>(),
                )
            };
            let (rust, torch) = (of(|r| r.rust_seconds), of(|r| r.pytorch_seconds));
            CellSummary {
                cell,
                rust_median_seconds: rust,
                pytorch_median_seconds: torch,
                ratio: rust / torch,
            }
        })
        .collect()
}

/// Where the comparison writes the arrays for Python.
pub fn arrays_dir() -> PathBuf {
    PathBuf::from("target/compare-pytorch")
}
