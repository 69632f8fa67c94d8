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
        "# Page\n\n```rust,ignore\n{{#include ../code/lib.rs:greet}}\n```\n\nThen a line of its own:\n\n```rust\nlet x = 1;\n```\n\n![a figure](fig.svg)\n",
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
    let page = "```python\na = 1\nb = 2\nc = 3\nd = 4\n```\n\nAnd a session:\n\n```console\n$ a\n$ b\n$ c\n$ d\n```\n";
    assert_eq!(kinds(&book_with_page(page)), vec![]);
}

#[test]
fn two_listings_with_nothing_between_them_are_reported() {
    let book = book_with_page(
        "# Page\n\nThe greeting:\n\n```rust,ignore\n{{#include ../code/lib.rs:greet}}\n```\n\n```console\n$ cargo run\n```\n",
    );
    let report = check_sources(&book.src()).unwrap();
    assert_eq!(kinds(&book), vec![Kind::ListingsBackToBack]);
    assert_eq!(report.problems[0].line, 9);
    assert!(
        report.problems[0]
            .message
            .contains("put a sentence between the two listings")
    );

    book.write(
        "src/page.md",
        "# Page\n\nThe greeting:\n\n```rust,ignore\n{{#include ../code/lib.rs:greet}}\n```\n\nRun it:\n\n```console\n$ cargo run\n```\n",
    );
    assert_eq!(kinds(&book), vec![]);
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

/// A results file with its provenance, as the programs write it.
fn results_file(book: &FixtureBook, name: &str, body: serde_json::Value) {
    let mut json = body;
    json["provenance"] = serde_json::to_value(fileio::Provenance::capture(None)).unwrap();
    book.write(&format!("src/results/{name}"), &json.to_string());
}

#[test]
fn a_measured_number_typed_by_hand_is_reported_and_a_reference_is_not() {
    let book = book_with_page("# Page\n\nThe model reaches 0.81 in 13.6 s.\n");
    let report = check_sources(&book.src()).unwrap();
    assert_eq!(kinds(&book), vec![Kind::TypedNumber, Kind::TypedNumber]);
    assert!(report.problems[0].message.contains("`0.81`"));
    assert_eq!(report.problems[0].line, 3);

    results_file(
        &book,
        "r.json",
        serde_json::json!({"acc": 0.8099, "s": 13.6}),
    );
    book.write(
        "src/page.md",
        "# Page\n\nThe model reaches {{#result r.json /acc .2}} in \
         {{#result r.json /s .1}} s, at a rate of {{#given 0.003 | a setting}}.\n",
    );
    assert_eq!(kinds(&book), vec![]);
}

#[test]
fn a_reference_to_a_missing_key_or_file_is_reported_with_both() {
    let book = book_with_page(
        "# Page\n\n{{#result r.json /runs/0/acc .3}} and {{#result none.json /a .1}}\n",
    );
    results_file(&book, "r.json", serde_json::json!({"runs": []}));
    let report = check_sources(&book.src()).unwrap();
    assert_eq!(
        kinds(&book),
        vec![Kind::BadResultReference, Kind::BadResultReference]
    );
    assert!(report.problems[0].message.contains("r.json"));
    assert!(report.problems[0].message.contains("/runs/0"));
    assert!(report.problems[1].message.contains("none.json"));
}

#[test]
fn a_results_file_without_provenance_is_reported() {
    let book = book_with_page("# Page\n");
    book.write(
        "src/results/old.json",
        r#"{"command": "x", "machine": "m"}"#,
    );
    let report = check_sources(&book.src()).unwrap();
    assert_eq!(kinds(&book), vec![Kind::MissingProvenance]);
    assert!(report.problems[0].message.contains("old.json"));
}
