//! The table of Appendix C ("What the programs do when things go wrong") is
//! gathered from the `/// Fault(AREA): ...` markers of the tests: it has the
//! rows the issue asks for, and every test it names exists.

use xtask::faults::{AREAS, Fault, collect, table};
use xtask::workspace::members;
use xtask::workspace_root;

fn faults() -> Vec<Fault> {
    let members = members(&workspace_root()).expect("cargo metadata");
    collect(&members).expect("every Fault marker is well formed and above a #[test]")
}

#[test]
fn the_table_has_at_least_thirty_rows_each_naming_a_test_that_exists() {
    let faults = faults();
    let rendered = table(&faults);
    let rows = rendered
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Situation |"))
        .count();
    assert_eq!(rows, faults.len(), "one row per marker:\n{rendered}");
    assert!(rows >= 30, "only {rows} rows:\n{rendered}");
    for fault in &faults {
        let source = std::fs::read_to_string(&fault.file).unwrap();
        let after: Vec<&str> = source.lines().skip(fault.line).collect();
        let at = after
            .iter()
            .position(|l| l.starts_with("fn "))
            .expect("a function follows the marker");
        assert!(
            after[at].starts_with(&format!("fn {}(", fault.function))
                && after[..at].contains(&"#[test]"),
            "{}: {}:{} is not above #[test] fn {}",
            fault.test_name(),
            fault.file.display(),
            fault.line,
            fault.function
        );
        assert!(
            fault.file.parent().unwrap().ends_with("tests")
                && fault.file.file_stem().unwrap().to_str() == Some(fault.target.as_str()),
            "{}: {}",
            fault.test_name(),
            fault.file.display()
        );
        assert!(rendered.contains(&format!("`{}`", fault.test_name())));
    }
    let mut names: Vec<String> = faults.iter().map(Fault::test_name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), faults.len(), "a test is named twice");
    // Every area of the appendix has rows.
    for area in AREAS {
        assert!(
            faults.iter().any(|f| f.area == area),
            "no fault of the area {area}"
        );
    }
}

#[test]
fn the_appendix_includes_the_table_and_the_summary_lists_it() {
    let book = workspace_root().join("book");
    let page = std::fs::read_to_string(book.join("appendix-c-faults.md")).unwrap();
    assert!(page.starts_with("# Appendix C: What the programs do when things go wrong\n"));
    assert!(page.contains("{{#include generated/faults.md}}"), "{page}");
    let summary = std::fs::read_to_string(book.join("SUMMARY.md")).unwrap();
    let b = summary.find("(appendix-b-benchmarks.md)").unwrap();
    let c = summary.find("(appendix-c-faults.md)").expect("listed");
    let errata = summary.find("(errata.md)").unwrap();
    assert!(b < c && c < errata, "{summary}");
}
