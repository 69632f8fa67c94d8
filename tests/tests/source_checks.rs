//! Each check of the Markdown sources fails on a small broken book and
//! passes on the same book mended.

use book_tests::FixtureBook;
use xtask::checks::{Kind, check_sources};

const CODE: &str = "fn main() {}\n// ANCHOR: greet\nfn greet() {\n    println!(\"hi\");\n}\n// ANCHOR_END: greet\n";

fn book_with_page(page: &str) -> FixtureBook {
    let book = FixtureBook::new(&["page.md"]);
    book.write("code/lib.rs", CODE);
    book.write("src/page.md", page);
    book
}

fn kinds(book: &FixtureBook) -> Vec<Kind> {
    check_sources(&book.src())
        .unwrap()
        .problems
        .iter()
        .map(|p| p.kind)
        .collect()
}

#[test]
fn a_correct_page_passes() {
    let book = book_with_page(
        "# Page\n\n```rust,ignore\n{{#include ../code/lib.rs:greet}}\n```\n\n```rust\nlet x = 1;\n```\n\n![a figure](fig.svg)\n",
    );
    book.write("src/fig.svg", "<svg/>");
    assert_eq!(kinds(&book), vec![]);
}

#[test]
fn missing_include_file_is_reported() {
    let book = book_with_page("```rust,ignore\n{{#include ../code/nope.rs:greet}}\n```\n");
    let report = check_sources(&book.src()).unwrap();
    assert!(
        report.has(Kind::MissingIncludeFile),
        "{:?}",
        report.problems
    );
    assert!(report.problems[0].to_string().contains("nope.rs"));
    assert_eq!(report.problems[0].line, 2);
}

#[test]
fn unknown_anchor_is_reported() {
    let book =
        book_with_page("```rust,ignore\n{{#rustdoc_include ../code/lib.rs:greeet}}\n```\n");
    let report = check_sources(&book.src()).unwrap();
    assert_eq!(kinds(&book), vec![Kind::MissingAnchor]);
    assert!(report.problems[0].message.contains("greeet"));
}

#[test]
fn line_ranges_are_not_taken_for_anchors() {
    let book = book_with_page("```rust,ignore\n{{#include ../code/lib.rs:2:4}}\n```\n");
    assert_eq!(kinds(&book), vec![]);
}

#[test]
fn escaped_directives_are_ignored() {
    let book = book_with_page("Write \\{{#include file.rs:anchor}} to include code.\n");
    assert_eq!(kinds(&book), vec![]);
}

#[test]
fn pasted_rust_block_is_reported() {
    let book = book_with_page(
        "Text.\n\n```rust\nfn a() {}\nfn b() {}\nfn c() {}\nfn d() {}\n```\n",
    );
    let report = check_sources(&book.src()).unwrap();
    assert_eq!(kinds(&book), vec![Kind::PastedRust]);
    assert_eq!(report.problems[0].line, 3);
}

#[test]
fn pasted_lines_around_an_include_still_count() {
    let page = "```rust,ignore\n{{#include ../code/lib.rs:greet}}\nfn a() {}\nfn b() {}\nfn c() {}\nfn d() {}\n```\n";
    assert_eq!(kinds(&book_with_page(page)), vec![Kind::PastedRust]);
}

#[test]
fn other_languages_may_be_pasted() {
    let page = "```python\na = 1\nb = 2\nc = 3\nd = 4\n```\n\n```console\n$ a\n$ b\n$ c\n$ d\n```\n";
    assert_eq!(kinds(&book_with_page(page)), vec![]);
}

#[test]
fn missing_image_is_reported() {
    let book = book_with_page(
        "# Page\n\n![the gates](figures/gates.svg)\n\n<img src=\"figures/other.svg\">\n",
    );
    let report = check_sources(&book.src()).unwrap();
    assert_eq!(kinds(&book), vec![Kind::MissingImage, Kind::MissingImage]);
    assert!(report.problems[0].message.contains("gates.svg"));
    assert!(report.problems[1].message.contains("other.svg"));
}
