//! The figures and the results tables of chapter 4, redrawn from the recorded
//! results of `imdb experiments` (book/results/ch04-imdb.json), and the
//! table of "Putting it together", from those of `imdb final` and
//! `imdb baseline` beside them (ch04-final.json, ch04-bow.json).
//!
//! `cargo run -p imdb-sentiment --example imdb_sentiment_book_parts -- --figures book/figures --generated book/generated`

use imdb_sentiment::figures::{results_table, write_figures};
use imdb_sentiment::together::together_table;

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let results = "ch04-imdb.json";
        let origin = parts.redrawn(results, "imdb experiments");
        let recorded = parts.recorded(results);
        parts.made(&write_figures(&recorded, parts.figures())?, &origin);
        parts.table("ch04-results.md", &results_table(&recorded)?, &origin)?;
        let (final_runs, baseline) = (
            parts.recorded("ch04-final.json"),
            parts.recorded("ch04-bow.json"),
        );
        let table = together_table(&final_runs, &baseline, &recorded)?;
        let origin = parts.redrawn(
            "ch04-final.json, ch04-bow.json and ch04-imdb.json",
            "imdb final, imdb baseline and imdb experiments",
        );
        parts.table("ch04-together.md", &table, &origin)?;
        let results = recorded.parent().expect("the results folder");
        let trials = imdb_sentiment::together::trials_table(results)?;
        let origin = parts.redrawn(
            "ch04-final-trial-*.json",
            "imdb final --seeds 1 with other settings",
        );
        parts.table("ch04-trials.md", &trials, &origin)?;
        Ok(())
    })
}
