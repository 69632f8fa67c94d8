//! The book's build tool, as a library so that the tests under `tests/` can
//! run exactly what `cargo xtask book` runs.
//!
//! * [`figures`] runs every chapter's figure code into `book/figures/`.
//! * [`generated`] computes the tables the book includes (gradient checks).
//! * [`render`] renders the Markdown into HTML with mdBook 0.5 and KaTeX.
//! * [`checks`] finds what mdBook lets through silently: a missing include
//!   file or anchor, pasted Rust code, a missing image, a broken link, a
//!   resource fetched from the network.

pub mod bench_record;
pub mod checks;
pub mod figures;
pub mod generated;
pub mod render;
pub mod serve;

use std::path::{Path, PathBuf};

/// The workspace root (the folder that holds `book.toml`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Where `cargo xtask book` writes the HTML.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("target").join("book")
}

/// Build the whole book: figures, source checks, HTML, checks of the HTML.
/// Returns the path of the rendered `index.html`.
/// `live_reload` is mdBook's live-reload endpoint when serving, else `None`.
pub fn build_book(
    root: &Path,
    output: &Path,
    seed: u64,
    live_reload: Option<&str>,
) -> anyhow::Result<PathBuf> {
    let made = figures::make_all(&root.join("book").join("figures"), seed)?;
    for figure in &made {
        println!(
            "figure  {}  (from `{}`)",
            figure.path.display(),
            figure.command
        );
    }
    for table in generated::write_all(&root.join("book").join("generated"))? {
        println!("table   {}", table.display());
    }
    checks::check_sources(&root.join("book"))?.into_result()?;
    render::render(root, output, live_reload)?;
    checks::check_rendered(output)?.into_result()?;
    Ok(output.join("index.html"))
}
