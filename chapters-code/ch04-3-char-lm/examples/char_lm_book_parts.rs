//! The figure and the results of section 4.3, redrawn from the recorded
//! results of `char-lm train` (book/results/ch04-3-char-lm.json).
//!
//! `cargo run -p char-lm --example char_lm_book_parts -- --figures book/figures --generated book/generated`

use char_lm::figures::{results_markdown, write_figures};

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let results = "ch04-3-char-lm.json";
        let origin = parts.redrawn(results, "char-lm train");
        let recorded = parts.recorded(results);
        parts.made(&write_figures(&recorded, parts.figures())?, &origin);
        let diagram = char_lm::diagram::write_diagram(parts.figures())?;
        parts.made(&[diagram], &parts.command());
        parts.table("ch04-3-char-lm.md", &results_markdown(&recorded)?, &origin)?;
        Ok(())
    })
}
