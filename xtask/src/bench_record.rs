//! Recording criterion's medians as JSON that the book renders as a table.
//!
//! `cargo bench` writes criterion's estimates under `target/criterion/`;
//! `cargo xtask record-benchmarks --set SET` collects the medians of the
//! set's benchmarks into `book/results/SET-benchmarks.json` (committed), and
//! the book's build turns that file into a table
//! ([`fileio::benchmarks::table`]). The crates declare the sets (see
//! [`crate::workspace`]).

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

pub use fileio::benchmarks::{Measurement, Recording};

use crate::checks::files_with_extension;

#[derive(Deserialize)]
struct Benchmark {
    full_id: String,
}

#[derive(Deserialize)]
struct Estimates {
    median: Estimate,
}

#[derive(Deserialize)]
struct Estimate {
    point_estimate: f64,
    confidence_interval: Interval,
}

#[derive(Deserialize)]
struct Interval {
    lower_bound: f64,
    upper_bound: f64,
}

/// Collect every benchmark under `criterion_dir` whose name starts with one
/// of `prefixes`; `command` is what runs them, for the error messages.
pub fn collect(
    criterion_dir: &Path,
    prefixes: &[String],
    command: &str,
) -> Result<Vec<Measurement>> {
    if !criterion_dir.is_dir() {
        bail!(
            "{} does not exist: run `{command}` first",
            criterion_dir.display()
        );
    }
    let mut found = Vec::new();
    for file in files_with_extension(criterion_dir, "json")? {
        let is_new = file.parent().is_some_and(|p| p.ends_with("new"));
        if !is_new || !file.ends_with("benchmark.json") {
            continue;
        }
        let read = |path: &Path| {
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))
        };
        let benchmark: Benchmark =
            serde_json::from_str(&read(&file)?).with_context(|| {
                format!("{} is not criterion's benchmark.json", file.display())
            })?;
        if !prefixes.iter().any(|p| benchmark.full_id.starts_with(p)) {
            continue;
        }
        let estimates_path = file.with_file_name("estimates.json");
        let estimates: Estimates = serde_json::from_str(&read(&estimates_path)?)
            .with_context(|| {
                format!(
                    "{} is not criterion's estimates.json",
                    estimates_path.display()
                )
            })?;
        found.push(Measurement {
            name: benchmark.full_id,
            median_ns: estimates.median.point_estimate,
            low_ns: estimates.median.confidence_interval.lower_bound,
            high_ns: estimates.median.confidence_interval.upper_bound,
        });
    }
    if found.is_empty() {
        bail!(
            "no benchmark named {prefixes:?} under {}: run `{command}` first",
            criterion_dir.display()
        );
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}
