//! Making the parts of the book that code computes: the figures
//! (`book/figures/`) and the generated tables (`book/generated/`).
//!
//! Nothing here knows the chapters. Every crate that contributes figures or
//! tables has an example named `book_parts` (see the `figures::parts`
//! module); [`make_all`] runs each of them, in workspace order, and collects
//! the files they print. It then renders the table of every benchmark set
//! that crates declare (see [`crate::workspace`]) from its recording,
//! `book/results/SET-benchmarks.json`. Last, it gathers the table of faults
//! from the tests that check them (see [`crate::faults`]).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::workspace::{self, BenchmarkSet, Member, book_parts_example};

/// A file written into the book, and what made it: the command that
/// computes it again, or the recorded results it was redrawn from.
#[derive(Debug, Clone, PartialEq)]
pub struct Made {
    pub path: PathBuf,
    pub origin: String,
}

/// Make every part of the book: run the book-parts example of every crate
/// that has one with `seed`, into the folders `figures` and `generated`, then
/// render the benchmark tables into `generated`. Recorded results are read
/// from `results` beside `figures` (`book/results/`). `root` is the workspace.
pub fn make_all(
    root: &Path,
    figures: &Path,
    generated: &Path,
    seed: u64,
) -> Result<Vec<Made>> {
    for dir in [figures, generated] {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    let workspace = workspace::load(root)?;
    let mut made = Vec::new();
    for member in workspace.members.iter().filter(|m| m.book_parts) {
        made.extend(run_book_parts(root, member, figures, generated, seed)?);
    }
    for set in workspace::benchmark_sets(&workspace.members) {
        made.push(benchmark_table(&set, figures, generated)?);
    }
    let faults = generated.join("faults.md");
    let rows = crate::faults::write_table(&workspace.members, &faults)?;
    made.push(Made {
        path: faults,
        origin: format!(
            "{rows} rows gathered from the `/// Fault(AREA): ...` markers of the tests"
        ),
    });
    Ok(made)
}

/// `cargo run -p CRATE --example CRATE_book_parts -- ...`, and the files it reports.
fn run_book_parts(
    root: &Path,
    member: &Member,
    figures: &Path,
    generated: &Path,
    seed: u64,
) -> Result<Vec<Made>> {
    let name = &member.name;
    let example = book_parts_example(name);
    let output = Command::new(workspace::cargo())
        .args(["run", "--quiet", "-p", name, "--example", &example, "--"])
        .arg("--seed")
        .arg(seed.to_string())
        .arg("--figures")
        .arg(absolute(figures)?)
        .arg("--generated")
        .arg(absolute(generated)?)
        .current_dir(root)
        .output()
        .with_context(|| format!("cannot run cargo for the book parts of `{name}`"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!(
            "the book parts of `{name}` failed (`cargo run -p {name} --example {example}`, {}):\n{stderr}",
            output.status
        );
    }
    // Compiler warnings, if any: shown, as a build would show them.
    eprint!("{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    parse_report(&stdout).with_context(|| format!("the book parts of `{name}`"))
}

/// The report of a `book_parts` example: one `PATH<TAB>ORIGIN` line per
/// file written.
pub fn parse_report(stdout: &str) -> Result<Vec<Made>> {
    stdout
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (path, origin) = line.split_once('\t').with_context(|| {
                format!("expected PATH<TAB>ORIGIN for every file written, got {line:?}")
            })?;
            Ok(Made {
                path: PathBuf::from(path),
                origin: origin.to_owned(),
            })
        })
        .collect()
}

/// The table of a benchmark set, from its recording beside the figure folder.
fn benchmark_table(set: &BenchmarkSet, figures: &Path, generated: &Path) -> Result<Made> {
    let file = format!("{}-benchmarks.json", set.name);
    let recorded = figures
        .parent()
        .unwrap_or(figures)
        .join("results")
        .join(&file);
    let record = format!("cargo xtask record-benchmarks --set {}", set.name);
    let recording = fileio::benchmarks::load(&recorded).with_context(|| {
        format!(
            "the benchmark set {} has no recording: run `{}`, then `{record}`",
            set.name,
            set.command()
        )
    })?;
    let path = generated.join(format!("{}-benchmarks.md", set.name));
    fileio::write_atomically(&path, fileio::benchmarks::table(&recording).as_bytes())?;
    Ok(Made {
        path,
        origin: format!("redrawn from book/results/{file}, recorded by `{record}`"),
    })
}

fn absolute(dir: &Path) -> Result<PathBuf> {
    std::path::absolute(dir)
        .with_context(|| format!("no absolute path for {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_one_path_and_origin_per_line() {
        let made = parse_report(
            "book/figures/a.svg\tcargo run -p a --example a_book_parts -- --seed 1\n\nb.md\tredrawn from x, recorded by `y`\n",
        )
        .unwrap();
        assert_eq!(
            made,
            [
                Made {
                    path: "book/figures/a.svg".into(),
                    origin: "cargo run -p a --example a_book_parts -- --seed 1".into()
                },
                Made {
                    path: "b.md".into(),
                    origin: "redrawn from x, recorded by `y`".into()
                },
            ]
        );
        assert!(parse_report("no tab here\n").is_err());
    }
}
