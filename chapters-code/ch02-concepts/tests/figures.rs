//! The gating curve is the closed form, and the figures are written and stable.

use core_concepts::gating::{GATES, interpolate};

#[test]
fn the_interpolating_gate_follows_its_closed_form() {
    for z in GATES {
        for (t, h) in interpolate(z, 40).into_iter().enumerate() {
            let closed = 1.0 - (1.0 - z).powi(t as i32);
            assert!(
                (h - closed).abs() < 1e-12,
                "z = {z}, t = {t}: {h} vs {closed}"
            );
        }
    }
}

#[test]
fn the_figures_are_written_and_byte_identical_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let first = core_concepts::write_figures(dir.path()).unwrap();
    assert_eq!(
        first.len(),
        5,
        "unrolled, patterns, deeper, dropout, gating"
    );
    let bytes: Vec<Vec<u8>> = first.iter().map(|p| std::fs::read(p).unwrap()).collect();
    for (path, b) in first.iter().zip(&bytes) {
        let text = String::from_utf8(b.clone()).unwrap();
        assert!(text.starts_with("<svg"), "{}", path.display());
        assert!(
            text.contains("<text"),
            "{}: labels are real text",
            path.display()
        );
    }
    let again = core_concepts::write_figures(dir.path()).unwrap();
    for (path, b) in again.iter().zip(&bytes) {
        assert_eq!(&std::fs::read(path).unwrap(), b, "{}", path.display());
    }
}
