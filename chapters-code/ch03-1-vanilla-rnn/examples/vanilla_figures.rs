//! Draw the figures of section 3.1.
//!
//! `cargo run -p vanilla-rnn --example vanilla_figures -- --seed 42 --out book/figures`

use clap::Parser;
use figures::FigureArgs;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = FigureArgs::parse();
    for path in vanilla_rnn::figures::write_figures(&args.out, args.seed)? {
        println!("{}", path.display());
    }
    Ok(())
}
