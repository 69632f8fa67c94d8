//! `cargo xtask book`: make the figures, check the sources, render the HTML
//! into `target/book/`, check the HTML.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use xtask::{build_book, default_output, figures, serve, workspace_root};

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
    /// Only make the figures (into book/figures/).
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
        Command::Figures { seed } => {
            for figure in figures::make_all(&root.join("book").join("figures"), seed)? {
                println!("{}  (from `{}`)", figure.path.display(), figure.command);
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
