//! Recording criterion's medians as JSON that the book renders as a table.
//!
//! `cargo bench -p vanilla-rnn -p lstm -p gru` writes criterion's estimates
//! under `target/criterion/`; `cargo xtask record-benchmarks` collects the
//! medians of chapter 3 into `book/results/ch03-benchmarks.json` (committed),
//! and the book's build turns that file into the table of Appendix B.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::checks::files_with_extension;

/// One benchmark's median, in nanoseconds, with its 95% confidence interval.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Measurement {
    pub name: String,
    pub median_ns: f64,
    pub low_ns: f64,
    pub high_ns: f64,
}

/// A recorded run of benchmarks and where it was made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recording {
    pub command: String,
    pub machine: String,
    pub date: String,
    pub measurements: Vec<Measurement>,
}

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

/// Collect every benchmark under `criterion_dir` whose name starts with one of `prefixes`.
pub fn collect(criterion_dir: &Path, prefixes: &[&str]) -> Result<Vec<Measurement>> {
    if !criterion_dir.is_dir() {
        bail!(
            "{} does not exist: run `cargo bench -p vanilla-rnn -p lstm -p gru` first",
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
            "no benchmark named {prefixes:?} under {}",
            criterion_dir.display()
        );
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// A Markdown table of a recording, in milliseconds. Within each group
/// (the part of a name before `/`), when one benchmark's name says
/// `readable`, every row of the group also gets its speed-up over that
/// one, from the same run.
pub fn table(recording: &Recording) -> String {
    let group = |m: &Measurement| m.name.split('/').next().unwrap_or_default().to_owned();
    let baseline_of = |m: &Measurement| {
        recording
            .measurements
            .iter()
            .find(|b| group(b) == group(m) && b.name.contains("readable"))
    };
    let any_baseline = recording
        .measurements
        .iter()
        .any(|m| baseline_of(m).is_some());
    let mut text = format!(
        "Recorded {} on {} with `{}`.\n\n| Benchmark | Median | 95% interval of the median |{}\n|---|---|---|{}\n",
        recording.date,
        recording.machine,
        recording.command,
        if any_baseline {
            " Speed-up over the readable code |"
        } else {
            ""
        },
        if any_baseline { "---|" } else { "" },
    );
    let mut rows: Vec<&Measurement> = recording.measurements.iter().collect();
    // Group by group; within a group, from slowest to fastest (the baseline first).
    if any_baseline {
        rows.sort_by(|a, b| {
            group(a)
                .cmp(&group(b))
                .then(b.median_ns.total_cmp(&a.median_ns))
        });
    }
    for m in rows {
        text.push_str(&format!(
            "| {} | {:.3} ms | {:.3} – {:.3} ms |",
            m.name,
            m.median_ns / 1e6,
            m.low_ns / 1e6,
            m.high_ns / 1e6
        ));
        if any_baseline {
            match baseline_of(m) {
                Some(base) => {
                    text.push_str(&format!(" {:.2}× |", base.median_ns / m.median_ns))
                }
                None => text.push_str(" – |"),
            }
        }
        text.push('\n');
    }
    text
}
