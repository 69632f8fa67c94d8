//! The book's build tool, as a library so that the tests under `tests/` can
//! run exactly what `cargo xtask book` runs.
//!
//! * [`parts`] makes the figures (`book/figures/`) and the generated tables
//!   (`book/generated/`): it runs the `book_parts` example of every crate
//!   that has one, and renders the recorded benchmarks.
//! * [`faults`] gathers the table of faults of Appendix C from the
//!   `/// Fault(AREA): ...` markers of the tests.
//! * [`workspace`] finds those crates, and the benchmark sets they declare,
//!   with `cargo metadata`.
//! * [`results`] replaces the references to recorded results in the prose
//!   by their values, and finds numbers typed into the prose by hand.
//! * [`render`] renders the Markdown into HTML with mdBook 0.5 and KaTeX.
//! * [`checks`] finds what mdBook lets through silently: a missing include
//!   file or anchor, pasted Rust code, a missing image, a broken link, a
//!   resource fetched from the network.

pub mod bench_record;
pub mod checks;
pub mod exercises;
pub mod faults;
pub mod handout;
pub mod parts;
pub mod render;
pub mod results;
pub mod serve;
pub mod workspace;

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
    let book = root.join("book");
    for made in parts::make_all(root, &book.join("figures"), &book.join("generated"), seed)?
    {
        println!("{}  ({})", made.path.display(), made.origin);
    }
    checks::check_sources(&root.join("book"))?.into_result()?;
    render::render(root, output, live_reload)?;
    checks::check_rendered(output)?.into_result()?;
    Ok(output.join("index.html"))
}
