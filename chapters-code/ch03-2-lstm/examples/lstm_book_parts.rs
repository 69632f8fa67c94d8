//! The figures of section 3.2.
//!
//! `cargo run -p lstm --example lstm_book_parts -- --seed 42 --figures book/figures --generated book/generated`

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let made = lstm::figures::write_figures(parts.figures(), parts.seed())?;
        parts.made(&made, &parts.command());
        Ok(())
    })
}
