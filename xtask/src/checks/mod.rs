//! Checks of the book that mdBook itself does not make.
//!
//! mdBook exits successfully when an included file is missing (the raw
//! directive stays in the page), includes nothing for an unknown anchor,
//! renders pasted code without complaint, and never looks at links or
//! images. These checks close those gaps; `cargo xtask book` and the tests
//! under `tests/` run them.

mod apart;
mod control;
mod images;
mod includes;
mod links;
mod numbers;
mod offline;
mod pasted;
mod tables;

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use apart::check_listings_apart;
pub use images::check_images;
pub use includes::{Include, check_includes, parse_includes};
pub use links::check_links;
pub use offline::check_offline;
pub use pasted::check_pasted_rust;

/// What kind of problem a check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An include directive names a file that does not exist.
    MissingIncludeFile,
    /// An include directive names an anchor the file does not define.
    MissingAnchor,
    /// A directive survived into the HTML (mdBook could not expand it).
    UnexpandedInclude,
    /// A Rust block of more than three lines is written in the page instead of included.
    PastedRust,
    /// Two code blocks follow each other with no text between them.
    ListingsBackToBack,
    /// A page shows an image that does not exist.
    MissingImage,
    /// A link in the rendered HTML points at a file or fragment that does not exist.
    BrokenLink,
    /// The rendered HTML loads a resource from the network.
    RemoteResource,
    /// The prose states a measured-looking number typed by hand.
    TypedNumber,
    /// A `{{#result …}}` (or `given`, `provenance`) that cannot be expanded.
    BadResultReference,
    /// A results file does not record its command, commit, date and machine.
    MissingProvenance,
    /// A page holds a control character (other than a tab).
    ControlCharacter,
    /// A table row has another number of cells than its header.
    TableRow,
}

/// One problem, with the file and line where it is.
#[derive(Debug, Clone)]
pub struct Problem {
    pub kind: Kind,
    pub file: PathBuf,
    /// 1-based line number, or 0 when it does not apply.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {:?}: {}",
            self.file.display(),
            self.line,
            self.kind,
            self.message
        )
    }
}

/// All the problems one run of the checks found.
#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<Problem>,
}

impl Report {
    /// True when some problem is of `kind`.
    pub fn has(&self, kind: Kind) -> bool {
        self.problems.iter().any(|p| p.kind == kind)
    }

    /// `Ok` when there is no problem, otherwise an error listing all of them.
    pub fn into_result(self) -> Result<()> {
        if self.problems.is_empty() {
            return Ok(());
        }
        let lines: Vec<String> = self.problems.iter().map(|p| format!("  {p}")).collect();
        anyhow::bail!(
            "{} problem(s) in the book:\n{}",
            self.problems.len(),
            lines.join("\n")
        )
    }
}

/// Check the Markdown sources under `src`: includes, pasted Rust, listings
/// with no text between them, images, numbers typed by hand, results
/// references, and the provenance of the results files under `src/results/`.
pub fn check_sources(src: &Path) -> Result<Report> {
    let mut report = Report::default();
    let pages = files_with_extension(src, "md")?;
    let mut texts = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page)
            .with_context(|| format!("cannot read the page {}", page.display()))?;
        report.problems.extend(check_includes(page, &text));
        report.problems.extend(check_pasted_rust(page, &text));
        report.problems.extend(check_listings_apart(page, &text));
        report.problems.extend(check_images(page, &text));
        report
            .problems
            .extend(control::check_control_characters(page, &text));
        report
            .problems
            .extend(tables::check_table_rows(page, &text));
        texts.push(text);
    }
    let results_dir = src.join("results");
    let prose = numbers::prose_pages(src, &pages);
    let sections = crate::results::typed::section_numbers(texts.iter().map(String::as_str));
    for (page, text) in pages.iter().zip(&texts) {
        if prose.contains(page) {
            report.problems.extend(numbers::check_numbers(
                page,
                text,
                &results_dir,
                &sections,
            ));
        }
    }
    report
        .problems
        .extend(numbers::check_provenance(&results_dir));
    Ok(report)
}

/// Check the rendered HTML under `html`: links, offline resources, and
/// directives that mdBook left unexpanded.
pub fn check_rendered(html: &Path) -> Result<Report> {
    let mut report = Report::default();
    for page in files_with_extension(html, "html")? {
        let text = std::fs::read_to_string(&page)
            .with_context(|| format!("cannot read the rendered page {}", page.display()))?;
        report.problems.extend(check_links(html, &page, &text));
        report.problems.extend(check_offline(&page, &text));
        report
            .problems
            .extend(includes::check_unexpanded(&page, &text));
    }
    for sheet in files_with_extension(html, "css")? {
        let text = std::fs::read_to_string(&sheet)
            .with_context(|| format!("cannot read the style sheet {}", sheet.display()))?;
        report.problems.extend(check_offline(&sheet, &text));
    }
    Ok(report)
}

/// Every file below `dir` whose name ends in `.ext`, sorted.
pub fn files_with_extension(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = std::fs::read_dir(&folder)
            .with_context(|| format!("cannot list the folder {}", folder.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// 1-based line number of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}
