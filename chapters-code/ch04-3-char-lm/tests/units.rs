//! The checkable features of Rust source, the correlations of units with
//! them, and the coloured passage.

use std::ops::Range;

use char_lm::units::{
    FEATURE_NAMES, Features, features, passage_svg, pearson, rank_units, save_passage_svg,
};
use ndarray::Array2;

/// A snippet with every case the lexer must tell apart.
const SNIPPET: &str = r##"//! Inner doc {
/// Outer doc }
const S: &'static str = "x";
fn f<'a>(s: &'a str) -> char {
    let t = "a\"{"; // line {
    let r = r#"}"{"#;
    let b = b"}";
    let u = "\\";
    /* one /* two } */ { */
    if s.is_empty() { '{' } else { '\'' }
}
"##;

/// The strings, comments and character literals of `SNIPPET`, by hand.
const STRINGS: [&str; 5] = [r#""x""#, r#""a\"{""#, r##"r#"}"{"#"##, r#"b"}""#, r#""\\""#];
const COMMENTS: [&str; 4] = [
    "//! Inner doc {",
    "/// Outer doc }",
    "// line {",
    "/* one /* two } */ { */",
];
const CHARS: [&str; 2] = ["'{'", r"'\''"];

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// The characters of the only occurrence of `needle` in `SNIPPET` (ASCII,
/// so byte and character positions agree).
fn span(needle: &str) -> Range<usize> {
    let start = SNIPPET.find(needle).expect(needle);
    assert_eq!(Some(start), SNIPPET.rfind(needle), "{needle} occurs twice");
    start..start + needle.len()
}

/// 1.0 over the spans of `needles`, 0.0 elsewhere.
fn indicator(needles: &[&str]) -> Vec<f64> {
    let mut out = vec![0.0; SNIPPET.len()];
    for needle in needles {
        for i in span(needle) {
            out[i] = 1.0;
        }
    }
    out
}

#[test]
fn strings_and_comments_are_exactly_the_literals_and_comments() {
    let f = features(&chars(SNIPPET));
    assert_eq!(f.len(), SNIPPET.len());
    assert_eq!(f.in_string, indicator(&STRINGS));
    assert_eq!(f.in_comment, indicator(&COMMENTS));
    // A lifetime is code, and so is the newline that ends a line comment.
    assert_eq!(f.in_string[span("'static").start + 1], 0.0);
    assert_eq!(f.in_comment[span("// line {").end], 0.0);
}

#[test]
fn brace_depth_counts_only_the_braces_of_code() {
    let f = features(&chars(SNIPPET));
    // The reference: blank out strings, comments and characters by hand,
    // then count every brace left.
    let mut code: Vec<char> = chars(SNIPPET);
    for needle in STRINGS.iter().chain(&COMMENTS).chain(&CHARS) {
        for i in span(needle) {
            code[i] = ' ';
        }
    }
    let mut depth = 0.0;
    let expected: Vec<f64> = code
        .iter()
        .map(|c| {
            depth += match c {
                '{' => 1.0,
                '}' => -1.0,
                _ => 0.0,
            };
            depth
        })
        .collect();
    assert_eq!(f.brace_depth, expected);
    // And by eye: the function body is depth 1, the if's blocks depth 2.
    assert_eq!(f.brace_depth[span("let t").start], 1.0);
    assert_eq!(f.brace_depth[span("'{'").start], 2.0);
    assert_eq!(f.brace_depth.iter().cloned().fold(0.0, f64::max), 2.0);
    assert_eq!(f.brace_depth[SNIPPET.len() - 2], 0.0, "after the last }}");
}

#[test]
fn the_column_resets_after_every_newline() {
    let f = features(&chars(SNIPPET));
    let expected: Vec<f64> = SNIPPET
        .split_inclusive('\n')
        .flat_map(|line| (0..line.len()).map(|c| c as f64))
        .collect();
    assert_eq!(f.column, expected);
    let second_line = span("/// Outer").start;
    assert_eq!(f.column[second_line - 1], 15.0, "the newline ends line 1");
    assert_eq!(f.column[second_line], 0.0);
}

#[test]
fn raw_strings_end_at_their_own_hashes_and_identifiers_are_no_prefix() {
    let text = r###"r##"a"#{"##{ xr"{""###;
    let f = features(&chars(text));
    let literal = r###"r##"a"#{"##"###.len();
    assert!(f.in_string[..literal].iter().all(|&s| s == 1.0));
    assert_eq!(f.in_string[literal], 0.0);
    assert_eq!(f.brace_depth[literal], 1.0);
    // The `r` of `xr` ends an identifier: the string starts at the quote.
    assert_eq!(f.in_string[literal + 3], 0.0);
    assert_eq!(f.in_string[literal + 4], 1.0);
    assert_eq!(f.brace_depth.last(), Some(&1.0));
}

#[test]
fn unbalanced_braces_go_negative_without_panicking() {
    let f = features(&chars("}}{"));
    assert_eq!(f.brace_depth, vec![-1.0, -2.0, -1.0]);
    assert!(features(&[]).is_empty());
}

#[test]
fn the_features_are_named_in_the_order_of_get() {
    let f: Features = features(&chars("{\"\"//"));
    assert_eq!(FEATURE_NAMES.len(), 4);
    assert_eq!(f.get(0), f.brace_depth.as_slice());
    assert_eq!(f.get(1), f.in_string.as_slice());
    assert_eq!(f.get(2), f.in_comment.as_slice());
    assert_eq!(f.get(3), f.column.as_slice());
}

#[test]
fn pearson_of_known_series() {
    let a = [1.0, 2.0, 3.0, 4.0];
    let close = |x: f64, y: f64| (x - y).abs() < 1e-12;
    assert!(close(pearson(&a, &[2.0, 4.0, 6.0, 8.0]), 1.0));
    assert!(close(pearson(&a, &[5.0, 3.0, 1.0, -1.0]), -1.0));
    // By hand: deviations (−1, 0, 1) and (−1, −1, 2); covariance 3,
    // variances 2 and 6, so r = 3 / √12 = √3 / 2.
    let r = pearson(&[1.0, 2.0, 3.0], &[1.0, 1.0, 4.0]);
    assert!(close(r, 3f64.sqrt() / 2.0), "{r}");
    assert_eq!(pearson(&a, &[0.1; 4]), 0.0);
    assert_eq!(pearson(&[0.1; 3], &[1.0, 5.0, 2.0]), 0.0);
}

#[test]
#[should_panic(expected = "lengths 2 and 3")]
fn pearson_refuses_series_of_different_lengths() {
    pearson(&[1.0, 2.0], &[1.0, 2.0, 3.0]);
}

#[test]
fn the_units_that_follow_the_feature_rank_first() {
    let feature = [0.0, 1.0, 2.0, 1.0, 0.0, 3.0];
    let noise = [0.3, -0.2, 0.1, 0.4, -0.5, 0.2];
    let activations = Array2::from_shape_fn((6, 3), |(t, unit)| match unit {
        0 => -0.5 * feature[t],
        1 => noise[t],
        _ => feature[t],
    });
    let ranked = rank_units(activations.view(), &feature);
    assert_eq!(ranked.len(), 3);
    assert_eq!((ranked[0].0, ranked[1].0, ranked[2].0), (0, 2, 1));
    assert!((ranked[0].1 + 1.0).abs() < 1e-12);
    assert!((ranked[1].1 - 1.0).abs() < 1e-12);
    assert!(ranked[2].1.abs() < 0.9);
}

/// The `<rect>`s of the character cells.
fn cells(svg: &str) -> Vec<&str> {
    let start = svg.find("<g id=\"cells\"").expect("a group of cells");
    let end = start + svg[start..].find("</g>").expect("the end of the cells");
    svg[start..end]
        .lines()
        .filter(|l| l.starts_with("<rect"))
        .collect()
}

fn fill_of(rect: &str) -> &str {
    let start = rect.find("fill=\"").expect("a fill") + 6;
    &rect[start..start + 7]
}

#[test]
fn the_passage_has_one_cell_per_character_newlines_included() {
    let text = chars("fn x() {\n\tlet y = 1;\n}");
    let activation = vec![0.5; text.len()];
    let svg = passage_svg(&text, &activation, "unit 3");
    assert_eq!(cells(&svg).len(), text.len());
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    // The tab is four cells wide; the glyphs are the non-blank characters.
    assert!(
        cells(&svg)[9].contains("width=\"33.6\""),
        "{}",
        cells(&svg)[9]
    );
    let blank = text.iter().filter(|c| c.is_whitespace()).count();
    assert_eq!(svg.matches("</text>").count(), 1 + 3 + text.len() - blank);
}

#[test]
fn the_passage_escapes_xml() {
    let svg = passage_svg(&chars("<&>\"'"), &[0.0; 5], "a < b & \"c\"");
    for escaped in ["&lt;", "&amp;", "&gt;", "&quot;", "&apos;"] {
        assert!(svg.contains(&format!(">{escaped}</text>")), "{escaped}");
    }
    assert!(svg.contains(">a &lt; b &amp; &quot;c&quot;</text>"));
    assert!(!svg.contains("<&"));
}

#[test]
fn activations_colour_blue_white_and_red() {
    let svg = passage_svg(&chars("abcde"), &[-1.0, 0.0, 1.0, 0.5, 7.0], "");
    let fills: Vec<&str> = cells(&svg).into_iter().map(fill_of).collect();
    // The book's blue and vermillion; halfway to vermillion is the mean of
    // it and white, rounded; beyond 1 is clamped.
    assert_eq!(
        fills,
        ["#0072B2", "#FFFFFF", "#D55E00", "#EAAF80", "#D55E00"]
    );
}

#[test]
#[should_panic(expected = "3 characters but 2 activations")]
fn the_passage_needs_one_activation_per_character() {
    passage_svg(&chars("abc"), &[0.0, 0.0], "");
}

#[test]
fn the_passage_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("figures/unit.svg");
    let text = chars("{}");
    save_passage_svg(&path, &text, &[0.2, -0.2], "unit 0").unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(saved, passage_svg(&text, &[0.2, -0.2], "unit 0"));
}
