//! The figures and the results table of chapter 4, redrawn from the recorded
//! results of `imdb experiments` (book/results/ch04-imdb.json).
//!
//! `cargo run -p imdb-sentiment --example imdb_sentiment_book_parts -- --figures book/figures --generated book/generated`

use imdb_sentiment::figures::{results_table, write_figures};

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let results = "ch04-imdb.json";
        let origin = parts.redrawn(results, "imdb experiments");
        let recorded = parts.recorded(results);
        parts.made(&write_figures(&recorded, parts.figures())?, &origin);
        parts.table("ch04-results.md", &results_table(&recorded)?, &origin)?;
        Ok(())
    })
}
