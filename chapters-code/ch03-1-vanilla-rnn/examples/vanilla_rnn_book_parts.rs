//! The figures of section 3.1.
//!
//! `cargo run -p vanilla-rnn --example vanilla_rnn_book_parts -- --seed 42 --figures book/figures --generated book/generated`

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let made = vanilla_rnn::figures::write_figures(parts.figures(), parts.seed())?;
        parts.made(&made, &parts.command());
        Ok(())
    })
}
