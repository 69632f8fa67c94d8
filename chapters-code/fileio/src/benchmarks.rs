//! Recorded benchmarks: criterion's medians as JSON, and the table the book
//! renders from them.
//!
//! `cargo bench` writes criterion's estimates under `target/criterion/`;
//! `cargo xtask record-benchmarks --set SET` copies the medians of the set's
//! benchmarks into `book/results/SET-benchmarks.json` (committed), and the
//! book's build turns that file into a table with [`table`].

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::FileError;

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
    /// The `cargo bench` command, commit, date and machine of the run.
    pub provenance: crate::Provenance,
    pub measurements: Vec<Measurement>,
}

impl Recording {
    /// The measurement named `name`, if the recording has it.
    pub fn find(&self, name: &str) -> Option<&Measurement> {
        self.measurements.iter().find(|m| m.name == name)
    }
}

/// Read a recording written by `cargo xtask record-benchmarks`.
pub fn load(path: &Path) -> Result<Recording, FileError> {
    crate::load_json(path, "`cargo xtask record-benchmarks`")
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
        "{}\n\n| Benchmark | Median | 95% interval of the median |{}\n|---|---|---|{}\n",
        recording.provenance.caption(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn measurement(name: &str, median_ns: f64) -> Measurement {
        Measurement {
            name: name.to_owned(),
            median_ns,
            low_ns: median_ns * 0.9,
            high_ns: median_ns * 1.1,
        }
    }

    fn recording(measurements: Vec<Measurement>) -> Recording {
        let mut provenance = crate::Provenance::capture(Some("m"));
        provenance.command = "cargo bench".into();
        provenance.date = "2026-11-29T00:00:00Z".into();
        provenance.commit = "abcdef0123".into();
        provenance.machine.processor = "CPU".into();
        provenance.machine.cores = 2;
        provenance.machine.arch = "x86_64".into();
        provenance.machine.vector_extensions = vec![];
        Recording {
            provenance,
            measurements,
        }
    }

    #[test]
    fn without_a_readable_baseline_there_is_no_speed_up_column() {
        let text = table(&recording(vec![measurement("lstm forward", 2e6)]));
        assert_eq!(
            text,
            "Recorded 2026-11-29 at commit abcdef0 with `cargo bench` on a 2-core CPU (x86_64; m).\n\n| Benchmark | Median | 95% interval of the median |\n|---|---|---|\n| lstm forward | 2.000 ms | 1.800 – 2.200 ms |\n"
        );
    }

    #[test]
    fn each_group_is_compared_with_its_readable_row_slowest_first() {
        let text = table(&recording(vec![
            measurement("g/fast", 1e6),
            measurement("g/readable", 4e6),
            measurement("h/other", 1e6),
        ]));
        let rows: Vec<&str> = text.lines().skip(4).collect();
        assert_eq!(
            rows,
            [
                "| g/readable | 4.000 ms | 3.600 – 4.400 ms | 1.00× |",
                "| g/fast | 1.000 ms | 0.900 – 1.100 ms | 4.00× |",
                "| h/other | 1.000 ms | 0.900 – 1.100 ms | – |",
            ]
        );
    }
}
