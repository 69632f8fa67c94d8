//! Draw the figure of chapter 1.
//!
//! `cargo run -p background --example background_figures -- --out book/figures`

use clap::Parser;
use figures::FigureArgs;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = FigureArgs::parse();
    for path in background::write_figures(&args.out)? {
        println!("{}", path.display());
    }
    Ok(())
}
