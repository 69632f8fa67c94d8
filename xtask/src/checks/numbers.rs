//! The prose's numbers: measured ones come from results files, and every
//! results file says where it comes from (see [`crate::results`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Kind, Problem};
use crate::results;

/// The pages whose prose is checked: every `.md` of the book except the
/// table of contents and the generated tables (made from results files).
pub fn prose_pages(src: &Path, pages: &[PathBuf]) -> Vec<PathBuf> {
    pages
        .iter()
        .filter(|p| !p.starts_with(src.join("generated")))
        .filter(|p| p.file_name().is_some_and(|n| n != "SUMMARY.md"))
        .cloned()
        .collect()
}

/// Numbers typed by hand, and references that cannot be expanded, in `page`.
pub fn check_numbers(
    page: &Path,
    text: &str,
    results_dir: &Path,
    sections: &BTreeSet<String>,
) -> Vec<Problem> {
    let mut problems: Vec<Problem> = results::typed::find(text, sections)
        .into_iter()
        .map(|t| Problem {
            kind: Kind::TypedNumber,
            file: page.to_path_buf(),
            line: t.line,
            message: format!(
                "`{}` is typed by hand: take it from a results file with {{{{#result FILE POINTER \
                 FORMAT}}}}, or mark a number that is not a measurement of this book with \
                 {{{{#given TEXT | REASON}}}}",
                t.text
            ),
        })
        .collect();
    if let Err(errors) = results::expand(text, results_dir) {
        problems.extend(errors.into_iter().map(|message| Problem {
            kind: Kind::BadResultReference,
            file: page.to_path_buf(),
            line: 0,
            message,
        }));
    }
    problems
}

/// Every results file without a complete provenance.
pub fn check_provenance(results_dir: &Path) -> Vec<Problem> {
    let missing = results::provenance::missing(results_dir).unwrap_or_else(|e| vec![e]);
    missing
        .into_iter()
        .map(|message| Problem {
            kind: Kind::MissingProvenance,
            file: results_dir.to_path_buf(),
            line: 0,
            message,
        })
        .collect()
}
