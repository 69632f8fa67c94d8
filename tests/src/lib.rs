//! Helpers for the book-wide tests: small broken books made on the fly.

use std::path::{Path, PathBuf};

/// A throw-away book folder with a `book.toml`, a `SUMMARY.md` and pages.
pub struct FixtureBook {
    pub dir: tempfile::TempDir,
}

impl FixtureBook {
    /// A book whose summary lists `pages` (file names under `src/`).
    pub fn new(pages: &[&str]) -> Self {
        let dir = tempfile::tempdir().expect("cannot create a temporary folder");
        let fixture = FixtureBook { dir };
        fixture.write(
            "book.toml",
            "[book]\ntitle = \"fixture\"\nsrc = \"src\"\n\n[build]\ncreate-missing = false\n",
        );
        let summary: String = pages.iter().map(|p| format!("- [{p}]({p})\n")).collect();
        fixture.write("src/SUMMARY.md", &format!("# Summary\n\n{summary}"));
        fixture
    }

    /// The book's root folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The folder of the Markdown sources.
    pub fn src(&self) -> PathBuf {
        self.root().join("src")
    }

    /// Write `text` to `relative` under the root, creating folders.
    pub fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().expect("a file has a folder"))
            .expect("cannot create a fixture folder");
        std::fs::write(&path, text).expect("cannot write a fixture file");
        path
    }
}
