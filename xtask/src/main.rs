//! `cargo xtask book`: make the figures, check the sources, render the HTML
//! into `target/book/`, check the HTML.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use xtask::{
    bench_record, build_book, default_output, figures, generated, serve, workspace_root,
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
        /// `ch03` (the readable cells, Appendix B), `ch03-4` (the fast cells,
        /// section 3.4) or `ch03-4-step` (one training step per cell, section 3.4).
        #[arg(long, default_value = "ch03")]
        set: String,
        /// A description of the machine, for the book (for example "2-core x86_64, AVX-512").
        #[arg(long)]
        machine: String,
        /// The date of the run (YYYY-MM-DD).
        #[arg(long)]
        date: String,
    },
    /// Only make what the Markdown needs: the figures (book/figures/) and the
    /// generated tables (book/generated/), e.g. before a plain `mdbook build`.
    Figures {
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

fn main() -> Result<()> {
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
                return serve::serve(&output, port, watched, build);
            }
            let index = build_book(&root, &output, seed, None)?;
            println!("the book is at {}", index.display());
            if open {
                open_in_browser(&index)?;
            }
            Ok(())
        }
        Command::RecordBenchmarks { set, machine, date } => {
            let (prefixes, command): (&[&str], &str) = match set.as_str() {
                "ch03" => (
                    &["vanilla ", "lstm ", "gru "],
                    "cargo bench -p vanilla-rnn -p lstm -p gru",
                ),
                "ch03-4" => (&["fast-path "], "cargo bench -p fast-rnn"),
                "ch03-4-step" => (&["training step "], "cargo bench -p imdb-sentiment"),
                other => anyhow::bail!(
                    "unknown benchmark set '{other}': expected ch03, ch03-4 or ch03-4-step"
                ),
            };
            let measurements =
                bench_record::collect(&root.join("target").join("criterion"), prefixes)?;
            let recording = bench_record::Recording {
                command: command.to_owned(),
                machine,
                date,
                measurements,
            };
            let path = root
                .join("book")
                .join("results")
                .join(format!("{set}-benchmarks.json"));
            std::fs::create_dir_all(path.parent().expect("a folder"))?;
            std::fs::write(&path, serde_json::to_string_pretty(&recording)? + "\n")?;
            println!(
                "{}: {} benchmarks",
                path.display(),
                recording.measurements.len()
            );
            Ok(())
        }
        Command::Figures { seed } => {
            for figure in figures::make_all(&root.join("book").join("figures"), seed)? {
                println!("{}  (from `{}`)", figure.path.display(), figure.command);
            }
            for table in generated::write_all(&root.join("book").join("generated"))? {
                println!("{}", table.display());
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
