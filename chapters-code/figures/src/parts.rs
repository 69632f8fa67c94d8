//! The command line of every crate's `book_parts` example: the figures and
//! generated tables that a crate contributes to the book.
//!
//! A crate that puts figures or tables into the book has an example named
//! for it ([`example_name`]: `lstm_book_parts` for `lstm`) whose `main` is one
//! call of [`run`]. `cargo xtask figures` (and `cargo xtask book`) finds
//! those crates and runs each of them as
//!
//! ```text
//! cargo run -p CRATE --example CRATE_book_parts -- --seed 42 --figures book/figures --generated book/generated
//! ```
//!
//! Every file written is printed on its own line as `PATH<TAB>ORIGIN`, where
//! ORIGIN says what made it: the command that computes it again, or the
//! recorded results it is redrawn from and the program that recorded them.
//! A chapter's `examples/lstm_book_parts.rs` is, for example:
//!
//! ```ignore
//! fn main() -> std::process::ExitCode {
//!     figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
//!         let made = lstm::figures::write_figures(parts.figures(), parts.seed())?;
//!         parts.made(&made, &parts.command());
//!         let origin = parts.redrawn("ch04-imdb.json", "imdb experiments");
//!         parts.table("ch04-results.md", "| ... |\n", &origin)?;
//!         Ok(())
//!     })
//! }
//! ```
//!
//! Adding such an example is all a new chapter does to put its figures and
//! tables into the book: nothing under `xtask/` lists the chapters.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use crate::FileError;

/// What a `book_parts` example may fail with.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// `--seed`, `--figures` and `--generated`, as every `book_parts` example takes them.
#[derive(Debug, Clone, clap::Parser)]
#[command(about = "Write this crate's figures and tables for the book")]
struct Args {
    /// Seed for everything random in the figures.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Folder to write the SVG figures into.
    #[arg(long, default_value = "book/figures")]
    figures: PathBuf,
    /// Folder to write the generated Markdown tables into.
    #[arg(long, default_value = "book/generated")]
    generated: PathBuf,
}

/// Where a crate writes its parts of the book, and the report of what it wrote.
#[derive(Debug, Clone)]
pub struct Parts {
    package: String,
    seed: u64,
    figures: PathBuf,
    generated: PathBuf,
}

impl Parts {
    /// The parts of `package` (a crate's name), made with `seed` into the two folders.
    pub fn new(package: &str, seed: u64, figures: &Path, generated: &Path) -> Self {
        Parts {
            package: package.to_owned(),
            seed,
            figures: figures.to_path_buf(),
            generated: generated.to_path_buf(),
        }
    }

    /// The seed for everything random in the figures.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The folder of the SVG figures (`book/figures`).
    pub fn figures(&self) -> &Path {
        &self.figures
    }

    /// The folder of the generated tables (`book/generated`).
    pub fn generated(&self) -> &Path {
        &self.generated
    }

    /// A recorded results file, beside the figure folder: `book/results/NAME`.
    pub fn recorded(&self, name: &str) -> PathBuf {
        self.figures
            .parent()
            .unwrap_or(&self.figures)
            .join("results")
            .join(name)
    }

    /// The command that makes this crate's parts again, as the origin of
    /// what its code computes.
    pub fn command(&self) -> String {
        format!(
            "cargo run -p {} --example {} -- --seed {}",
            self.package,
            example_name(&self.package),
            self.seed
        )
    }

    /// The origin of what is redrawn from `book/results/RESULTS`, which the
    /// command `by` records.
    pub fn redrawn(&self, results: &str, by: &str) -> String {
        format!("redrawn from book/results/{results}, recorded by `{by}`")
    }

    /// Report files written into the book, all made as `origin` says.
    pub fn made(&self, paths: &[PathBuf], origin: &str) {
        for path in paths {
            println!("{}\t{origin}", path.display());
        }
    }

    /// Write the Markdown table `name` into the generated folder and report it.
    pub fn table(
        &self,
        name: &str,
        text: &str,
        origin: &str,
    ) -> Result<PathBuf, FileError> {
        let path = self.generated.join(name);
        fileio::write_atomically(&path, text.as_bytes())?;
        self.made(std::slice::from_ref(&path), origin);
        Ok(path)
    }
}

/// The name of a crate's book-parts example: the crate's name with `_` for
/// `-`, then `_book_parts` (`examples/lstm_book_parts.rs` for `lstm`).
/// Each crate's has its own name, so that Cargo builds each to a file of its own.
pub fn example_name(package: &str) -> String {
    format!("{}_book_parts", package.replace('-', "_"))
}

/// The whole `main` of a `book_parts` example: read the command line, create
/// both folders, call `make`, and on an error print it (with its causes) and
/// exit with a failure. `package` is the crate's name, `env!("CARGO_PKG_NAME")`.
pub fn run(package: &str, make: impl FnOnce(&Parts) -> Result<(), Error>) -> ExitCode {
    let args = Args::parse();
    let parts = Parts::new(package, args.seed, &args.figures, &args.generated);
    let made = [parts.figures(), parts.generated()]
        .into_iter()
        .try_for_each(|dir| {
            std::fs::create_dir_all(dir).map_err(|source| FileError::Io {
                path: dir.display().to_string(),
                source,
            })
        })
        .map_err(Error::from)
        .and_then(|()| make(&parts));
    match made {
        Ok(()) => ExitCode::SUCCESS,
        Err(source) => {
            fileio::report_error(&Failed {
                package: package.to_owned(),
                source,
            });
            ExitCode::FAILURE
        }
    }
}

/// A crate's book parts failed: printed as `error: CRATE's book parts:
/// MESSAGE` and the causes of the error (see [`fileio::write_error`]).
#[derive(Debug, thiserror::Error)]
#[error("{package}'s book parts: {source}")]
struct Failed {
    package: String,
    source: Error,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_results_lie_beside_the_figure_folder() {
        let parts = Parts::new("lstm", 7, Path::new("book/figures"), Path::new("g"));
        assert_eq!(
            parts.recorded("ch04-imdb.json"),
            Path::new("book/results/ch04-imdb.json")
        );
        assert_eq!(
            parts.command(),
            "cargo run -p lstm --example lstm_book_parts -- --seed 7"
        );
    }

    #[test]
    fn a_table_is_written_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let parts = Parts::new("x", 1, &dir.path().join("f"), &dir.path().join("g"));
        let path = parts.table("t.md", "| a |\n", "here").unwrap();
        assert_eq!(path, dir.path().join("g").join("t.md"));
        assert_eq!(std::fs::read_to_string(path).unwrap(), "| a |\n");
    }

    #[test]
    fn a_failure_names_the_crate_and_says_each_cause_once() {
        let cause = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let failed = Failed {
            package: "lstm".to_owned(),
            source: Box::new(FileError::Io {
                path: "book/figures".to_owned(),
                source: cause,
            }),
        };
        let mut out = Vec::new();
        fileio::write_error(&mut out, &failed).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "error: lstm's book parts: book/figures: denied\n"
        );
    }
}
