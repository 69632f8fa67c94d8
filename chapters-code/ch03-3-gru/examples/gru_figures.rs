//! Draw the figures of section 3.3.
//!
//! `cargo run -p gru --example gru_figures -- --seed 42 --out book/figures`

use clap::Parser;
use figures::FigureArgs;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = FigureArgs::parse();
    for path in gru::figures::write_figures(&args.out, args.seed)? {
        println!("{}", path.display());
    }
    Ok(())
}
