//! Draw the figure of chapter 5.
//!
//! `cargo run -p future --example future_figures -- --out book/figures`

use clap::Parser;
use figures::FigureArgs;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = FigureArgs::parse();
    for path in future::write_figures(&args.out)? {
        println!("{}", path.display());
    }
    Ok(())
}
