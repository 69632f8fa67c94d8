//! The mdBook preprocessor that expands `{{#result …}}`, `{{#given …}}` and
//! `{{#provenance …}}`: in-process for `cargo xtask book`, and as the
//! `mdbook-results` program for a plain `mdbook build` (`book.toml`'s
//! `[preprocessor.results]`).

use std::path::Path;

use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

/// Replaces every results reference of every chapter by its value.
pub struct ResultsPreprocessor;

impl Preprocessor for ResultsPreprocessor {
    fn name(&self) -> &str {
        "results"
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        let results = ctx.root.join(&ctx.config.book.src).join("results");
        let mut errors = Vec::new();
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                let page = chapter
                    .path
                    .as_deref()
                    .unwrap_or(Path::new(&chapter.name))
                    .display()
                    .to_string();
                match super::expand(&chapter.content, &results) {
                    Ok(text) => chapter.content = text,
                    Err(found) => {
                        errors.extend(found.into_iter().map(|e| format!("{page}: {e}")))
                    }
                }
            }
        });
        if errors.is_empty() {
            Ok(book)
        } else {
            Err(mdbook_preprocessor::errors::Error::msg(format!(
                "{} results reference(s) could not be expanded:\n  {}",
                errors.len(),
                errors.join("\n  ")
            )))
        }
    }
}
