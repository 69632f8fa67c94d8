//! The figures of chapter 2.
//!
//! `cargo run -p core-concepts --example core_concepts_book_parts -- --seed 42 --figures book/figures --generated book/generated`

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let made = core_concepts::write_figures(parts.figures())?;
        parts.made(&made, &parts.command());
        Ok(())
    })
}
