//! `mdbook-results`: the results-reference preprocessor as a program, for a
//! plain `mdbook build` (see `book.toml`). mdBook first asks
//! `mdbook-results supports RENDERER`, then sends the book as JSON on
//! standard input and reads it back, expanded, from standard output.

use std::process::ExitCode;

use mdbook_preprocessor::Preprocessor;
use xtask::results::preprocessor::ResultsPreprocessor;

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("supports") {
        // Plain text in, plain text out: every renderer is supported.
        return ExitCode::SUCCESS;
    }
    fileio::report(run())
}

fn run() -> anyhow::Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin())
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    let book = ResultsPreprocessor
        .run(&ctx, book)
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    serde_json::to_writer(std::io::stdout(), &book)?;
    Ok(())
}
