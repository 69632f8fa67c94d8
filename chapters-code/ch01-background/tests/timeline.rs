//! Every event of the timeline is cited in the book's references, in order,
//! and placed on the axis in order.

use background::{EVENTS, x_of};

#[test]
fn every_event_is_in_the_references_and_in_order() {
    let references = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../book/references.md"),
    )
    .unwrap();
    for (year, what, who) in EVENTS {
        for author in who.split("; ") {
            let surname = author.split([' ', '&']).next().unwrap();
            let cited = references.lines().any(|l| {
                l.starts_with(&format!("- {surname}")) && l.contains(&format!("({year})"))
            });
            assert!(
                cited,
                "{year} {what}: no reference by {surname} ({year}) in references.md"
            );
        }
    }
    for pair in EVENTS.windows(2) {
        assert!(pair[0].0 <= pair[1].0, "{:?} before {:?}", pair[0], pair[1]);
        assert!(x_of(pair[0].0) <= x_of(pair[1].0));
    }
}

#[test]
fn the_figure_is_written_and_byte_identical_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = &background::write_figures(dir.path()).unwrap()[0];
    let first = std::fs::read(path).unwrap();
    background::write_figures(dir.path()).unwrap();
    assert_eq!(std::fs::read(path).unwrap(), first);
}
