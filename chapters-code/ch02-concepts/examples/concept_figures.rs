//! Draw the figures of chapter 2.
//!
//! `cargo run -p core-concepts --example concept_figures -- --out book/figures`

use clap::Parser;
use figures::FigureArgs;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = FigureArgs::parse();
    for path in core_concepts::write_figures(&args.out)? {
        println!("{}", path.display());
    }
    Ok(())
}
