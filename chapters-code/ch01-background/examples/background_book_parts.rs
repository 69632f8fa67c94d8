//! The figure of chapter 1.
//!
//! `cargo run -p background --example background_book_parts -- --seed 42 --figures book/figures --generated book/generated`

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let made = background::write_figures(parts.figures())?;
        parts.made(&made, &parts.command());
        Ok(())
    })
}
