//! `cargo xtask book`: make the figures, check the sources, render the HTML
//! into `target/book/`, check the HTML.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use xtask::{
    bench_record, build_book, default_output, parts, serve, workspace, workspace_root,
};

#[derive(Parser)]
#[command(about = "Build and check the RNN book")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make the figures, then render and check the whole book.
    Book {
        /// Open the rendered book in a browser afterwards.
        #[arg(long)]
        open: bool,
        /// Serve the book on 127.0.0.1 and rebuild it when a source changes.
        #[arg(long)]
        serve: bool,
        /// Port for --serve.
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Seed for the figures drawn from random data.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Output folder (default: target/book).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Record the medians of the last `cargo bench` of a set of benchmarks
    /// into book/results/<set>-benchmarks.json (rendered in the book).
    RecordBenchmarks {
        /// A set that crates declare in their Cargo.toml, under
        /// `[package.metadata.book] benchmarks` (an unknown set lists them).
        #[arg(long)]
        set: String,
        /// A note on the machine, recorded beside its processor and cores
        /// (for example "shared VM").
        #[arg(long)]
        machine: Option<String>,
    },
    /// Check the Markdown sources only (includes, images, pasted code,
    /// numbers typed by hand, results references, provenance), without
    /// rendering: a fast check while writing.
    Check,
    /// Only make what the Markdown needs: the figures (book/figures/) and the
    /// generated tables (book/generated/), e.g. before a plain `mdbook build`.
    Figures {
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// The exercises (exercises/): with no argument, each one's status; with
    /// a NAME, grade that one and say what is wrong; `verify` checks that
    /// every grader fails on its stub and passes on the reference solution;
    /// `handout DIR` writes the students' copy of the repository, without
    /// the reference solutions.
    Exercises {
        /// An exercise's name, `verify`, or `handout`.
        what: Option<String>,
        /// With `handout`: the folder to write the students' copy into.
        dir: Option<PathBuf>,
    },
}

/// Errors are printed as a message and its causes, without a backtrace
/// (see [`fileio::report`]).
fn main() -> ExitCode {
    fileio::report(run())
}

fn run() -> Result<()> {
    let root = workspace_root();
    match Cli::parse().command {
        Command::Book {
            open,
            serve: serve_it,
            port,
            seed,
            out,
        } => {
            let output = out.unwrap_or_else(|| default_output(&root));
            if serve_it {
                let build = {
                    let (root, output) = (root.clone(), output.clone());
                    move || {
                        build_book(&root, &output, seed, Some(serve::LIVE_RELOAD)).map(drop)
                    }
                };
                build()?;
                let watched = vec![
                    root.join("book"),
                    root.join("chapters-code"),
                    root.join("book.toml"),
                ];
                let ignored = serve::build_outputs(&root, &output);
                return serve::serve(&output, port, watched, ignored, build);
            }
            let index = build_book(&root, &output, seed, None)?;
            println!("the book is at {}", index.display());
            if open {
                open_in_browser(&index)?;
            }
            Ok(())
        }
        Command::RecordBenchmarks { set, machine } => {
            let set = workspace::benchmark_set(&workspace::members(&root)?, &set)?;
            let command = set.command();
            let measurements = bench_record::collect(
                &root.join("target").join("criterion"),
                &set.prefixes,
                &command,
            )?;
            // The run to repeat is the benchmarks' own command, then this one.
            let mut provenance = fileio::Provenance::capture(machine.as_deref());
            provenance.command = format!(
                "{command} && cargo xtask record-benchmarks --set {}",
                set.name
            );
            let recording = bench_record::Recording {
                provenance,
                measurements,
            };
            let path = root
                .join("book")
                .join("results")
                .join(format!("{}-benchmarks.json", set.name));
            fileio::save_json(&path, &recording)?;
            println!(
                "{}: {} benchmarks",
                path.display(),
                recording.measurements.len()
            );
            Ok(())
        }
        Command::Check => {
            let report = xtask::checks::check_sources(&root.join("book"))?;
            let count = report.problems.len();
            report.into_result()?;
            println!("the book's sources pass every check ({count} problems)");
            Ok(())
        }
        Command::Exercises { what, dir } => match (what.as_deref(), dir) {
            (Some("handout"), Some(dir)) => {
                let files = xtask::handout::handout(&root, &dir)?;
                println!(
                    "the students' copy is in {} ({files} files, no solutions/)",
                    dir.display()
                );
                Ok(())
            }
            (_, Some(dir)) => anyhow::bail!(
                "unexpected argument {}: only `handout` takes a folder",
                dir.display()
            ),
            (what, None) => xtask::exercises::run(&root, what),
        },
        Command::Figures { seed } => {
            let book = root.join("book");
            let made = parts::make_all(
                &root,
                &book.join("figures"),
                &book.join("generated"),
                seed,
            )?;
            for made in made {
                println!("{}  ({})", made.path.display(), made.origin);
            }
            Ok(())
        }
    }
}

fn open_in_browser(index: &std::path::Path) -> Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(index)
        .spawn()
        .map_err(|e| {
            anyhow::anyhow!("cannot start `{opener}` to open {}: {e}", index.display())
        })?;
    Ok(())
}
