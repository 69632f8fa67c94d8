//! Rust code must be included from a tested crate, not pasted into a page.

use std::path::Path;

use super::{Kind, Problem};

/// The longest Rust block a page may write out itself (a one-line call, say).
pub const MAX_PASTED_LINES: usize = 3;

/// Problems with Rust blocks of `text` that are pasted rather than included.
///
/// A fenced block whose info string starts with `rust` may hold include
/// directives and at most [`MAX_PASTED_LINES`] other non-blank lines.
pub fn check_pasted_rust(page: &Path, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut open: Option<(usize, String)> = None; // (line, fence)
    let mut pasted = 0;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match &open {
            None => {
                if let Some(fence) = fence_of(trimmed) {
                    let info = trimmed[fence.len()..].trim();
                    if info.starts_with("rust") {
                        open = Some((index + 1, fence));
                        pasted = 0;
                    } else {
                        // Another language: track it only to find its end.
                        open = Some((0, fence));
                    }
                }
            }
            Some((start, fence)) => {
                if trimmed.starts_with(fence.as_str())
                    && trimmed[fence.len()..].trim().is_empty()
                {
                    if *start > 0 && pasted > MAX_PASTED_LINES {
                        problems.push(Problem {
                            kind: Kind::PastedRust,
                            file: page.to_path_buf(),
                            line: *start,
                            message: format!(
                                "a Rust block pastes {pasted} lines; include them from a chapter crate with an anchor"
                            ),
                        });
                    }
                    open = None;
                } else if !trimmed.is_empty() && !trimmed.contains("{{#") {
                    pasted += 1;
                }
            }
        }
    }
    problems
}

/// The fence (three or more backticks or tildes) that opens `line`, if any.
pub(super) fn fence_of(line: &str) -> Option<String> {
    let first = line.chars().next()?;
    if first != '`' && first != '~' {
        return None;
    }
    let fence: String = line.chars().take_while(|&c| c == first).collect();
    (fence.len() >= 3).then_some(fence)
}
