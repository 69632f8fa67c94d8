//! Rendering the Markdown into HTML with mdBook 0.5 used as a library.

use std::path::Path;

use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use mdbook_katex::preprocess::KatexProcessor;

/// Render the book whose `book.toml` is in `root` into `output`.
///
/// KaTeX runs in-process at build time (the `katex` preprocessor named in
/// `book.toml` is replaced by the library's own copy), so the HTML holds
/// typeset formulas and needs no JavaScript and no network to show them.
/// The results references (`{{#result …}}`) are expanded by the same
/// preprocessor that a plain `mdbook build` runs as `mdbook-results`.
/// `live_reload` sets mdBook's live-reload endpoint (used by `--serve`).
pub fn render(root: &Path, output: &Path, live_reload: Option<&str>) -> Result<()> {
    let mut book = MDBook::load(root)
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .with_context(|| {
            format!(
                "cannot load the book at {}",
                root.join("book.toml").display()
            )
        })?;
    book.config.build.build_dir = output.to_path_buf();
    if let Some(endpoint) = live_reload {
        book.config
            .set("output.html.live-reload-endpoint", endpoint)
            .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    }
    book.with_preprocessor(KatexProcessor);
    book.with_preprocessor(crate::results::preprocessor::ResultsPreprocessor);
    book.build()
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .with_context(|| {
            format!(
                "mdBook failed to render {} into {}",
                root.display(),
                output.display()
            )
        })
}
