//! `speed peak`: this machine's measured matrix-multiply peak, and the
//! floor it puts under an epoch of the article's model (section 4.4).

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use fileio::Provenance;
use speed::peak::{PeakRecord, floors, measure_pytorch, measure_rust};

/// The article's epoch: 20,000 training reviews of 50 words, embedding 100, hidden 100.
const EPOCH: (u64, u64, u64, u64) = (20_000, 50, 100, 100);

#[derive(Args)]
pub struct Peak {
    /// The side of the square matrices multiplied.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(16..=8192))]
    pub size: u64,
    /// Timed products per thread count (the median is recorded).
    #[arg(long, default_value_t = 21, value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub repeats: u64,
    /// A Python with PyTorch, to measure `torch.mm` too (optional).
    #[arg(long)]
    pub python: Option<PathBuf>,
    /// A description of the machine, recorded with the results.
    #[arg(long)]
    pub machine: Option<String>,
    /// Where to write the results (JSON).
    #[arg(long, default_value = "book/results/ch04-4-peak.json")]
    pub out: PathBuf,
}

impl Peak {
    pub fn run(self) -> Result<()> {
        fileio::output::check_output(&self.out, "--out")?;
        let provenance = Provenance::capture(self.machine.as_deref());
        let (size, repeats) = (self.size as usize, self.repeats as usize);
        let pytorch = match &self.python {
            Some(python) => Some(measure_pytorch(python, size, repeats)?),
            None => None,
        };
        let rust: Vec<_> = [1, 2].map(|t| measure_rust(size, t, repeats)).into();
        let mut candidates: Vec<(f64, String)> = rust
            .iter()
            .map(|r| (r.median_gflops, format!("ndarray, {} thread(s)", r.threads)))
            .collect();
        if let Some(p) = &pytorch {
            candidates.extend(p.rates.iter().map(|r| {
                (
                    r.median_gflops,
                    format!("PyTorch {} torch.mm, {} thread(s)", p.version, r.threads),
                )
            }));
        }
        let (peak_gflops, peak_by) = candidates
            .into_iter()
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .expect("at least the two Rust rates");
        let (n, t, d, h) = EPOCH;
        let record = PeakRecord {
            provenance,
            size,
            repeats,
            rust,
            pytorch,
            floors: floors(peak_gflops, n, t, d, h),
            peak_gflops,
            peak_by,
        };
        for r in &record.rust {
            println!(
                "ndarray, {} thread(s): {:.1} GFLOP/s (median)",
                r.threads, r.median_gflops
            );
        }
        if let Some(p) = &record.pytorch {
            for r in &p.rates {
                println!(
                    "PyTorch {}, {} thread(s): {:.1} GFLOP/s (median)",
                    p.version, r.threads, r.median_gflops
                );
            }
        }
        for f in &record.floors {
            println!(
                "{}: no epoch under {:.2} s at {:.1} GFLOP/s",
                f.cell, f.floor_seconds, record.peak_gflops
            );
        }
        fileio::save_json(&self.out, &record)?;
        println!("{}", self.out.display());
        Ok(())
    }
}
