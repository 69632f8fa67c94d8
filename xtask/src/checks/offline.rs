//! The rendered book must work with no network: nothing it loads may come
//! from another host (a CDN style sheet, a web font, a script).

use std::path::Path;

use super::images::attribute;
use super::{Kind, Problem, line_of};

/// Problems in one rendered page or style sheet that would load a remote resource.
pub fn check_offline(file: &Path, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut flag = |at: usize, what: &str| {
        problems.push(Problem {
            kind: Kind::RemoteResource,
            file: file.to_path_buf(),
            line: line_of(text, at),
            message: format!(
                "loads {what} from the network; ship it with the book instead"
            ),
        })
    };
    for tag_name in ["<script ", "<img ", "<link ", "<iframe ", "<source "] {
        for (at, _) in text.match_indices(tag_name) {
            let end = text[at..].find('>').map_or(text.len(), |e| at + e);
            let tag = &text[at..end];
            // Plain hyperlinks (<a href>) are allowed: they load nothing.
            let url = attribute(tag, "src").or_else(|| attribute(tag, "href"));
            if let Some(url) = url.filter(|u| is_remote(u)) {
                flag(at, url);
            }
        }
    }
    for (at, _) in text.match_indices("url(") {
        let rest = text[at + 4..].trim_start_matches(['\'', '"']);
        if is_remote(rest) {
            let end = rest.find([')', '\'', '"']).unwrap_or(rest.len());
            flag(at, &rest[..end]);
        }
    }
    for (at, _) in text.match_indices("@import") {
        let rest = text[at + 7..].trim_start().trim_start_matches(['\'', '"']);
        if is_remote(rest) {
            flag(at, "an imported style sheet");
        }
    }
    problems
}

fn is_remote(url: &str) -> bool {
    ["http://", "https://", "//"]
        .iter()
        .any(|p| url.starts_with(p))
}
