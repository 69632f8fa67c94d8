//! The figure and tables of chapter 5: the cost per token (from formulas),
//! and the minGRU's speed and adding-problem errors, redrawn from the
//! recorded `book/results/ch05-benchmarks.json`, `ch05-min-gru-adding.json`
//! and chapter 6's `ch06-adding.json`.
//!
//! `cargo run -p future --example future_book_parts -- --seed 42 --figures book/figures --generated book/generated`

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let made = future::write_figures(parts.figures())?;
        parts.made(&made, &parts.command());
        let bench = "ch05-benchmarks.json";
        let origin = parts.redrawn(bench, "cargo bench -p future");
        let speed = future::tables::speed_markdown(&parts.recorded(bench))?;
        parts.table("ch05-min-gru-speed.md", &speed, &origin)?;
        let adding = "ch05-min-gru-adding.json";
        let origin = parts.redrawn(adding, "future adding");
        let table = future::tables::adding_markdown(
            &parts.recorded(adding),
            &parts.recorded("ch06-adding.json"),
        )?;
        parts.table("ch05-min-gru-adding.md", &table, &origin)?;
        Ok(())
    })
}
