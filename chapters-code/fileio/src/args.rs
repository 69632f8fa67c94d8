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
    /// A description of the machine, recorded with the results.
    #[arg(long, default_value = "unrecorded")]
    pub machine: String,
}

impl RunArgs {
    /// `--out`, or the default place of the results file `file`.
    pub fn out_path(&self, file: &str) -> PathBuf {
        self.out
            .clone()
            .unwrap_or_else(|| crate::results_path(self.quick, file))
    }

    /// The command line that reruns this, for the record: `program` and
    /// its subcommand, then `--quick` if given, then the seed.
    pub fn command(&self, program: &str) -> String {
        let quick = if self.quick { " --quick" } else { "" };
        format!("{program}{quick} --seed {}", self.seed)
    }
}
