//! The command line shared by every chapter's figure example.

use std::path::PathBuf;

/// `--seed` and `--out`, as every figure example takes them.
#[derive(Debug, Clone, clap::Parser)]
pub struct FigureArgs {
    /// Seed for everything random in the figures.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Folder to write the SVG files into.
    #[arg(long, default_value = "book/figures")]
    pub out: PathBuf,
}
