//! The figures of section 3.3.
//!
//! `cargo run -p gru --example gru_book_parts -- --seed 42 --figures book/figures --generated book/generated`

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let made = gru::figures::write_figures(parts.figures(), parts.seed())?;
        parts.made(&made, &parts.command());
        Ok(())
    })
}
