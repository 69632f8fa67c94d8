//! The command line shared by every program that records results for the book.

use std::path::PathBuf;

/// `--quick`, `--seed`, `--out` and `--machine`, as every program that
/// records results for the book takes them.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// The small form for CI: the same code at small sizes, written under target/quick/.
    #[arg(long)]
    pub quick: bool,
    /// The seed of every random choice (initial weights, data, order): the same seed gives the same results.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write the results (JSON), checked before any work; default book/results/ for the book's settings, target/quick/ with --quick, target/custom/ for other settings.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// A note on the machine (e.g. "shared VM"), recorded with its processor and cores.
    #[arg(long)]
    pub machine: Option<String>,
}

impl RunArgs {
    /// The provenance of this run's results file: this command line, the
    /// commit, now, and this machine with the `--machine` note.
    pub fn provenance(&self) -> crate::Provenance {
        crate::Provenance::capture(self.machine.as_deref())
    }
}

/// `--threads`, as every program that trains independent runs side by side takes it.
#[derive(Debug, Clone, clap::Args)]
pub struct ThreadsArg {
    /// Runs trained at once (default: the cores this process may use).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub threads: Option<u64>,
}

impl ThreadsArg {
    /// The number asked for, or the cores this process may use.
    pub fn count(&self) -> usize {
        self.threads.map_or_else(
            || std::thread::available_parallelism().map_or(1, |n| n.get()),
            |t| t as usize,
        )
    }
}
