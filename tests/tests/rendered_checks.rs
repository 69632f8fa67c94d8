//! Each check of the rendered HTML fails on a small broken book, and mdBook's
//! own silent failures are caught.

use book_tests::FixtureBook;
use xtask::checks::{Kind, check_rendered};
use xtask::render::render;

fn html_book(pages: &[(&str, &str)]) -> FixtureBook {
    let book = FixtureBook::new(&[]);
    for (name, text) in pages {
        book.write(&format!("html/{name}"), text);
    }
    book
}

fn kinds(book: &FixtureBook) -> Vec<Kind> {
    let report = check_rendered(&book.root().join("html")).unwrap();
    report.problems.iter().map(|p| p.kind).collect()
}

#[test]
fn working_links_pass() {
    let book = html_book(&[
        (
            "index.html",
            "<a href=\"a.html#part\">a</a> <a href=\"https://example.org/x\">out</a> <a href=\"#top\">up</a><h1 id=\"top\">t</h1>",
        ),
        ("a.html", "<h2 id=\"part\">part</h2><img src=\"img/x.svg\">"),
        ("img/x.svg", "<svg/>"),
    ]);
    assert_eq!(kinds(&book), vec![]);
}

#[test]
fn link_to_missing_page_is_reported() {
    let book = html_book(&[(
        "index.html",
        "<p>see <a href=\"chapter-two.html\">two</a></p>",
    )]);
    let report = check_rendered(&book.root().join("html")).unwrap();
    assert_eq!(kinds(&book), vec![Kind::BrokenLink]);
    assert!(report.problems[0].message.contains("chapter-two.html"));
}

#[test]
fn link_to_missing_fragment_is_reported() {
    let book = html_book(&[
        ("index.html", "<a href=\"a.html#no-such-heading\">a</a>"),
        ("a.html", "<h2 id=\"part\">part</h2>"),
    ]);
    assert_eq!(kinds(&book), vec![Kind::BrokenLink]);
}

#[test]
fn missing_rendered_image_is_reported() {
    let book = html_book(&[("index.html", "<img src=\"figures/gone.svg\" alt=\"x\">")]);
    assert_eq!(kinds(&book), vec![Kind::BrokenLink]);
}

#[test]
fn remote_style_sheet_and_font_are_reported() {
    let book = html_book(&[
        (
            "index.html",
            "<link rel=\"stylesheet\" href=\"https://cdn.example.org/katex.min.css\">",
        ),
        (
            "style.css",
            "@font-face { src: url(https://fonts.example.org/f.woff2); }",
        ),
    ]);
    assert_eq!(
        kinds(&book),
        vec![Kind::RemoteResource, Kind::RemoteResource]
    );
}

#[test]
fn mdbook_leaves_a_missing_include_unexpanded_and_the_check_sees_it() {
    let book = FixtureBook::new(&["page.md"]);
    book.write(
        "src/page.md",
        "# Page\n\n```rust,ignore\n{{#include ../code/missing.rs}}\n```\n",
    );
    let out = book.root().join("out");
    render(book.root(), &out, None).expect("mdBook itself accepts a missing include");
    let report = check_rendered(&out).unwrap();
    assert!(report.has(Kind::UnexpandedInclude), "{:?}", report.problems);
}

#[test]
fn a_typo_in_the_summary_fails_the_build() {
    let book = FixtureBook::new(&["chapter-1.md"]);
    book.write("src/chapter1.md", "# Chapter 1\n");
    let err = render(book.root(), &book.root().join("out"), None).unwrap_err();
    assert!(format!("{err:#}").contains("chapter-1.md"), "{err:#}");
}
