//! The figures and the results of section 4.2, redrawn from the recorded
//! results of `seq2seq train` (book/results/ch04-2-seq2seq.json) and
//! `seq2seq bottleneck` (book/results/ch04-2-bottleneck.json).
//!
//! `cargo run -p seq2seq --example seq2seq_book_parts -- --figures book/figures --generated book/generated`

use seq2seq::bottleneck_figures;
use seq2seq::figures::{results_markdown, write_figures};

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let results = "ch04-2-seq2seq.json";
        let origin = parts.redrawn(results, "seq2seq train");
        let recorded = parts.recorded(results);
        parts.made(&write_figures(&recorded, parts.figures())?, &origin);
        parts.table("ch04-2-seq2seq.md", &results_markdown(&recorded)?, &origin)?;
        let results = "ch04-2-bottleneck.json";
        let origin = parts.redrawn(results, "seq2seq bottleneck");
        let recorded = parts.recorded(results);
        parts.made(
            &bottleneck_figures::write_figures(&recorded, parts.figures())?,
            &origin,
        );
        let summary = bottleneck_figures::summary_markdown(&recorded)?;
        parts.table("ch04-2-bottleneck.md", &summary, &origin)?;
        let beams = bottleneck_figures::beams_markdown(&recorded)?;
        parts.table("ch04-2-beams.md", &beams, &origin)?;
        let map = seq2seq::attention_figure::write_attention_figure(
            parts.figures(),
            parts.seed(),
        )?;
        parts.made(&[map], &parts.command());
        Ok(())
    })
}
