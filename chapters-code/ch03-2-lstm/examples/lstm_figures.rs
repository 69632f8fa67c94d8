//! Draw the figures of section 3.2.
//!
//! `cargo run -p lstm --example lstm_figures -- --seed 42 --out book/figures`

use clap::Parser;
use figures::FigureArgs;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = FigureArgs::parse();
    for path in lstm::figures::write_figures(&args.out, args.seed)? {
        println!("{}", path.display());
    }
    Ok(())
}
