//! Every listing is introduced: no page puts two code blocks back to back
//! without a sentence between them saying what comes next.

use std::path::Path;

/// (line of the first block's end, line of the next block's start), 1-based,
/// for every two blocks with only blank lines between them.
fn back_to_back(text: &str) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let (mut inside, mut last_end) = (false, None::<usize>);
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with("```") {
            continue;
        }
        if inside {
            inside = false;
            last_end = Some(i);
        } else {
            inside = true;
            if let Some(end) = last_end
                && lines[end + 1..i].iter().all(|l| l.trim().is_empty())
            {
                found.push((end + 1, i + 1));
            }
        }
    }
    found
}

#[test]
fn the_check_finds_two_blocks_back_to_back_and_passes_prose_between() {
    let bad = "Text:\n\n```rust\na\n```\n\n```rust\nb\n```\n";
    assert_eq!(back_to_back(bad), vec![(5, 7)]);
    let good = "Text:\n\n```rust\na\n```\n\nThen:\n\n```rust\nb\n```\n";
    assert!(back_to_back(good).is_empty());
}

#[test]
fn no_page_has_two_listings_back_to_back() {
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("../book");
    let mut found = Vec::new();
    let mut pages = 0;
    for entry in std::fs::read_dir(&book).expect("the book folder") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            pages += 1;
            let text = std::fs::read_to_string(&path).expect("a page");
            for (end, start) in back_to_back(&text) {
                found.push(format!("{}: lines {end} and {start}", path.display()));
            }
        }
    }
    assert!(pages > 10, "read only {pages} pages");
    assert!(
        found.is_empty(),
        "listings without a sentence between them:\n{}",
        found.join("\n")
    );
}
