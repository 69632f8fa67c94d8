//! Every image a page shows must exist.

use std::path::Path;

use super::{Kind, Problem, line_of};

/// Problems with the images of one page: Markdown `![alt](path)` and HTML `<img src="path">`.
pub fn check_images(page: &Path, text: &str) -> Vec<Problem> {
    let folder = page.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    for (at, target) in image_targets(text) {
        if is_external(&target) {
            continue;
        }
        let local = target.split(['#', '?']).next().unwrap_or_default();
        if !folder.join(local).is_file() {
            problems.push(Problem {
                kind: Kind::MissingImage,
                file: page.to_path_buf(),
                line: line_of(text, at),
                message: format!("image {} does not exist", folder.join(local).display()),
            });
        }
    }
    problems
}

fn is_external(target: &str) -> bool {
    ["http://", "https://", "data:", "//"]
        .iter()
        .any(|p| target.starts_with(p))
}

/// (byte offset, target) of every image reference in `text`.
fn image_targets(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("![") {
        let rest = &text[at..];
        let Some(close) = rest.find("](") else {
            continue;
        };
        let inner = &rest[close + 2..];
        let Some(end) = inner.find(')') else { continue };
        let target = inner[..end].split_whitespace().next().unwrap_or_default();
        found.push((at, target.trim_matches(['<', '>']).to_owned()));
    }
    for (at, _) in text.match_indices("<img ") {
        let tag = &text[at..text[at..].find('>').map_or(text.len(), |e| at + e)];
        if let Some(src) = attribute(tag, "src") {
            found.push((at, src.to_owned()));
        }
    }
    found
}

/// The value of `name="..."` inside one HTML tag.
pub(super) fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')?;
    Some(&tag[start..start + end])
}
