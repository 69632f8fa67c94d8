//! Include directives: the file must exist and the anchor must be defined.

use std::path::{Path, PathBuf};

use super::{Kind, Problem, line_of};

const DIRECTIVES: [&str; 2] = ["{{#include ", "{{#rustdoc_include "];

/// Directives that must not survive into the HTML: the includes, and the
/// results references (`crate::results`).
const UNEXPANDED: [&str; 5] = [
    "{{#include ",
    "{{#rustdoc_include ",
    "{{#result ",
    "{{#given ",
    "{{#provenance ",
];

/// One include directive found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    /// The included file, resolved against the page's folder.
    pub file: PathBuf,
    /// The anchor name, if the directive names one (line ranges are not anchors).
    pub anchor: Option<String>,
    /// 1-based line of the directive in the page.
    pub line: usize,
}

/// Every include directive in `text` (a page at `page`), skipping escaped ones.
pub fn parse_includes(page: &Path, text: &str) -> Vec<Include> {
    let folder = page.parent().unwrap_or(Path::new("."));
    let mut found = Vec::new();
    for directive in DIRECTIVES {
        for (at, _) in text.match_indices(directive) {
            if text[..at].ends_with('\\') {
                continue;
            }
            let rest = &text[at + directive.len()..];
            let Some(end) = rest.find("}}") else { continue };
            let argument = rest[..end].trim();
            let (path, selector) = match argument.split_once(':') {
                Some((path, selector)) => (path, Some(selector)),
                None => (argument, None),
            };
            let anchor = selector
                .filter(|s| {
                    !s.is_empty() && !s.chars().all(|c| c.is_ascii_digit() || c == ':')
                })
                .map(str::to_owned);
            found.push(Include {
                file: folder.join(path.trim()),
                anchor,
                line: line_of(text, at),
            });
        }
    }
    found.sort_by_key(|i| i.line);
    found
}

/// Problems with the include directives of one page.
pub fn check_includes(page: &Path, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    for include in parse_includes(page, text) {
        let problem = |kind, message| Problem {
            kind,
            file: page.to_path_buf(),
            line: include.line,
            message,
        };
        let Ok(source) = std::fs::read_to_string(&include.file) else {
            problems.push(problem(
                Kind::MissingIncludeFile,
                format!("included file {} does not exist", include.file.display()),
            ));
            continue;
        };
        if let Some(anchor) = &include.anchor
            && !defines_anchor(&source, anchor)
        {
            problems.push(problem(
                Kind::MissingAnchor,
                format!(
                    "{} has no non-empty anchor '{anchor}' (expected `ANCHOR: {anchor}` and `ANCHOR_END: {anchor}`)",
                    include.file.display()
                ),
            ));
        }
    }
    problems
}

/// True when `source` opens and closes `anchor` with at least one line between.
fn defines_anchor(source: &str, anchor: &str) -> bool {
    let is_marker = |line: &str, marker: &str| {
        line.split_once(marker)
            .is_some_and(|(_, name)| name.trim() == anchor)
    };
    let lines: Vec<&str> = source.lines().collect();
    let Some(start) = lines.iter().position(|l| is_marker(l, "ANCHOR:")) else {
        return false;
    };
    let Some(end) = lines
        .iter()
        .skip(start)
        .position(|l| is_marker(l, "ANCHOR_END:"))
    else {
        return false;
    };
    end > 1
}

/// Directives that survived into a rendered page.
pub fn check_unexpanded(page: &Path, html: &str) -> Vec<Problem> {
    UNEXPANDED
        .iter()
        .flat_map(|d| html.match_indices(d.trim_end()))
        .map(|(at, _)| Problem {
            kind: Kind::UnexpandedInclude,
            file: page.to_path_buf(),
            line: line_of(html, at),
            message: "an include directive was left unexpanded in the HTML".to_owned(),
        })
        .collect()
}
