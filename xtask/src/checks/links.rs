//! Every internal link of the rendered book must reach a file, and a
//! fragment must name an element of that file.

use std::path::{Component, Path, PathBuf};

use super::{Kind, Problem, line_of};

/// Pages whose links are not meant to resolve from their own folder: mdBook's
/// 404 page resolves links against the site root with a `<base>` element.
const SKIPPED_PAGES: [&str; 1] = ["404.html"];

/// Problems with the links of one rendered page at `page` inside the book at `root`.
pub fn check_links(root: &Path, page: &Path, html: &str) -> Vec<Problem> {
    if page
        .file_name()
        .is_some_and(|n| SKIPPED_PAGES.iter().any(|s| n == *s))
    {
        return Vec::new();
    }
    let folder = page.parent().unwrap_or(root);
    let mut problems = Vec::new();
    for (at, target) in link_targets(html) {
        if is_not_a_file(&target) {
            continue;
        }
        let (path, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target.as_str(), None),
        };
        let path = path.split('?').next().unwrap_or_default();
        let file = if path.is_empty() {
            page.to_path_buf()
        } else {
            resolve(folder, &percent_decode(path))
        };
        let file = if file.is_dir() {
            file.join("index.html")
        } else {
            file
        };
        let problem = |message| Problem {
            kind: Kind::BrokenLink,
            file: page.to_path_buf(),
            line: line_of(html, at),
            message,
        };
        if !file.is_file() {
            problems.push(problem(format!(
                "link {target} points at {}, which does not exist",
                file.display()
            )));
            continue;
        }
        let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
            continue;
        };
        if file.extension().is_some_and(|e| e == "html") {
            let target_html = std::fs::read_to_string(&file).unwrap_or_default();
            let fragment = percent_decode(fragment);
            if !target_html.contains(&format!("id=\"{fragment}\""))
                && !target_html.contains(&format!("name=\"{fragment}\""))
            {
                problems.push(problem(format!(
                    "link {target}: {} has no element with id \"{fragment}\"",
                    file.display()
                )));
            }
        }
    }
    problems
}

/// Links that do not name a file of the book.
fn is_not_a_file(target: &str) -> bool {
    target.is_empty()
        || target.contains("{{")
        || [
            "http://",
            "https://",
            "mailto:",
            "javascript:",
            "data:",
            "//",
        ]
        .iter()
        .any(|p| target.starts_with(p))
}

/// (byte offset, value) of every `href="..."` and `src="..."` in `html`.
fn link_targets(html: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for key in [" href=\"", " src=\""] {
        for (at, _) in html.match_indices(key) {
            let start = at + key.len();
            if let Some(end) = html[start..].find('"') {
                found.push((at, html[start..start + end].replace("&amp;", "&")));
            }
        }
    }
    found.sort();
    found
}

/// `folder` joined with the relative `path`, with `.` and `..` folded away.
fn resolve(folder: &Path, path: &str) -> PathBuf {
    let mut out = folder.to_path_buf();
    for component in Path::new(path).components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Decode `%XX` escapes (links to files whose names have spaces, say).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
