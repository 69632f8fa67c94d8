//! Draw the figures of section 3.2.
//!
//! `cargo run -p lstm --example lstm_figures -- --seed 42 --out book/figures`

use std::path::PathBuf;

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Seed for the random input values.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Folder to write the SVG files into.
    #[arg(long, default_value = "book/figures")]
    out: PathBuf,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    for path in lstm::figures::write_figures(&args.out, args.seed)? {
        println!("{}", path.display());
    }
    Ok(())
}
