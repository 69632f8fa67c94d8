//! The figure of chapter 5.
//!
//! `cargo run -p future --example future_book_parts -- --seed 42 --figures book/figures --generated book/generated`

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let made = future::write_figures(parts.figures())?;
        parts.made(&made, &parts.command());
        Ok(())
    })
}
