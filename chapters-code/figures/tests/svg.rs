//! The figure helper writes deterministic SVG and rejects charts it cannot draw.

use figures::{LineChart, Series};

fn chart() -> LineChart {
    LineChart::new("A test chart", "step", "value")
        .with(Series::line(
            "squares",
            (0..10).map(|i| (i as f64, (i * i) as f64)).collect(),
        ))
        .with(Series::line("baseline", vec![(0.0, 10.0), (9.0, 10.0)]).dashed())
}

#[test]
fn same_data_gives_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.svg"), dir.path().join("b.svg"));
    chart().save_svg(&a).unwrap();
    chart().save_svg(&b).unwrap();
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert_eq!(a, b);
    let text = String::from_utf8(a).unwrap();
    assert!(text.starts_with("<svg"), "not an SVG: {}", &text[..40]);
    assert!(text.contains("A test chart") && text.contains("squares"));
    assert!(
        text.contains("sans-serif"),
        "the book's font family is missing"
    );
}

#[test]
fn log_axis_rejects_non_positive_values() {
    let dir = tempfile::tempdir().unwrap();
    let bad = LineChart::new("t", "x", "y")
        .log_y()
        .with(Series::line("s", vec![(0.0, 1.0), (1.0, 0.0)]));
    let err = bad.save_svg(&dir.path().join("bad.svg")).unwrap_err();
    assert!(err.to_string().contains("not positive"), "{err}");
    assert!(!dir.path().join("bad.svg").exists());
}

#[test]
fn empty_chart_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.svg");
    let err = LineChart::new("t", "x", "y").save_svg(&path).unwrap_err();
    assert!(err.to_string().contains("empty.svg"), "{err}");
}

#[test]
fn tick_labels_are_tidy() {
    use figures::tidy;
    assert_eq!(tidy(0.30000000000000004), "0.3");
    assert_eq!(tidy(-0.0002), "-2.0e-4");
    assert_eq!(tidy(1e-12), "0");
    assert_eq!(tidy(5.0), "5");
    assert_eq!(tidy(-2.2e-16), "0");
    assert_eq!(tidy(123456.0), "1.2e5");
}

#[test]
fn a_diagram_gives_the_same_bytes_and_sets_its_mathematics() {
    use figures::{Diagram, Stroke};
    let diagram = || {
        Diagram::new(200, 100)
            .node((50, 50), (60, 30), "$h_{t-1}$", 2)
            .op((120, 50), "×")
            .arrow_with(&[(80, 50), (104, 50)], Stroke::coloured(1).dashed())
            .label((100, 90), "a & b < c", 12)
    };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.svg"), dir.path().join("b.svg"));
    diagram().save_svg(&a).unwrap();
    diagram().save_svg(&b).unwrap();
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert_eq!(a, b);
    let text = String::from_utf8(a).unwrap();
    assert!(text.contains("font-style=\"italic\">h</tspan>"), "{text}");
    assert!(
        text.contains(">t−1</tspan>"),
        "the subscript, with a minus sign: {text}"
    );
    assert!(text.contains("a &amp; b &lt; c"), "text is escaped: {text}");
    assert!(text.contains("stroke-dasharray"), "{text}");
}

#[test]
fn a_shape_off_the_canvas_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("off.svg");
    let err = figures::Diagram::new(100, 100)
        .node((95, 50), (30, 20), "x", 0)
        .save_svg(&path)
        .unwrap_err();
    assert!(
        err.to_string().contains("off.svg") && err.to_string().contains("Node"),
        "{err}"
    );
    assert!(!path.exists());
}
