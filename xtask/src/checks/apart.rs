//! Every listing is introduced: a page never puts two code blocks one after
//! the other with only blank lines between them, so the reader is always
//! told what the next listing shows.

use std::path::Path;

use super::pasted::fence_of;
use super::{Kind, Problem};

/// What the reader of a problem is asked to do.
const EXPECTED: &str = "put a sentence between the two listings saying what comes next";

/// Problems with the fenced code blocks of `text` (a page at `page`): one for
/// every block that follows the previous block with nothing but blank lines
/// between them, reported at the line of the second block's opening fence.
///
/// A block counts whatever it holds, including a single include directive.
pub fn check_listings_apart(page: &Path, text: &str) -> Vec<Problem> {
    back_to_back(text)
        .into_iter()
        .map(|(first, second)| Problem {
            kind: Kind::ListingsBackToBack,
            file: page.to_path_buf(),
            line: second,
            message: format!(
                "this listing follows the one that opens on line {first} with only blank \
                 lines between them: {EXPECTED}"
            ),
        })
        .collect()
}

/// (opening line of the first block, opening line of the second), 1-based,
/// for every two fenced blocks with only blank lines between them.
fn back_to_back(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    // The fence of the block being read, and the line it opened on.
    let mut open: Option<(String, usize)> = None;
    // The opening line of the last block closed, while only blank lines follow it.
    let mut previous: Option<usize> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match &open {
            Some((fence, start)) => {
                if closes(fence, trimmed) {
                    previous = Some(*start);
                    open = None;
                }
            }
            None => {
                if let Some(fence) = fence_of(trimmed) {
                    if let Some(first) = previous {
                        found.push((first, index + 1));
                    }
                    open = Some((fence, index + 1));
                } else if !trimmed.is_empty() {
                    previous = None;
                }
            }
        }
    }
    found
}

/// True when `line` closes a block opened by `fence`: a run of the same
/// character at least as long, and nothing after it.
fn closes(fence: &str, line: &str) -> bool {
    let line = line.trim_end();
    fence_of(line)
        .is_some_and(|close| close.len() == line.len() && close.starts_with(fence))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BROKEN: &str = "# Page\n\nThe cell:\n\n```rust,ignore\n{{#include ../code/cell.rs:forward}}\n```\n\n\n```rust,ignore\n{{#include ../code/cell.rs:backward}}\n```\n\nThe run:\n\n~~~console\n$ cargo run\n~~~\n  \n````text\nout\n````\n";

    const GOOD: &str = "# Page\n\nThe cell:\n\n```rust,ignore\n{{#include ../code/cell.rs:forward}}\n```\n\nIts backward pass goes the other way:\n\n```rust,ignore\n{{#include ../code/cell.rs:backward}}\n```\n\nA block may hold a fence of another length:\n\n````markdown\n```rust\nlet a = 1;\n```\n\n```rust\nlet b = 2;\n```\n````\n";

    #[test]
    fn two_listings_with_only_blank_lines_between_them_are_reported() {
        let problems = check_listings_apart(Path::new("book/page.md"), BROKEN);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [10, 20]);
        assert!(problems.iter().all(|p| p.kind == Kind::ListingsBackToBack));
        let shown = problems[0].to_string();
        assert!(shown.starts_with("book/page.md:10:"), "{shown}");
        assert!(shown.contains("line 5"), "{shown}");
        assert!(shown.contains(EXPECTED), "{shown}");
    }

    #[test]
    fn listings_with_a_sentence_between_them_pass() {
        assert!(check_listings_apart(Path::new("book/page.md"), GOOD).is_empty());
    }
}
