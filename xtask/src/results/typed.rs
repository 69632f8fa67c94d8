//! Finding numbers typed into the prose by hand that look like measurements.
//!
//! A measured number must come from a results file (`{{#result …}}`); a
//! number that is not a measurement of this book must say so
//! (`{{#given TEXT | REASON}}`). This check finds the rest: in the text of a
//! page outside code, math, directives, HTML and link targets, every
//!
//! * number with a decimal point (`0.81`),
//! * percentage (`58%`, `2.0 %`),
//! * number with a unit of time or memory (`4 s`, `13.6s`, `8 MB`, `190 GFLOP/s`),
//! * ratio written with a times sign (`1.5×`, `2×`; not a shape like `20000×100`).
//!
//! What is let through without a marker, and why:
//!
//! * the book's own section numbers (`section 3.4`), taken from the pages'
//!   headings, unless a unit follows;
//! * arXiv identifiers and DOIs, which are names;
//! * a version right after a tool's name ([`TOOLS`]), which is a name too.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

/// Tools whose version numbers may follow their names in the prose.
pub const TOOLS: [&str; 18] = [
    "Rust",
    "Keras",
    "PyTorch",
    "TensorFlow",
    "TF",
    "tf_keras",
    "mdBook",
    "mdbook-katex",
    "KaTeX",
    "Python",
    "CUDA",
    "ndarray",
    "plotters",
    "criterion",
    "oneDNN",
    "MKL",
    "NumPy",
    "edition",
];

/// One number typed by hand: its 1-based line and the text found.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    pub line: usize,
    pub text: String,
}

static MASKS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let versions = format!(
        r"\b(?:{})\s+v?\d+(?:\.\d+)+(?:[-–]\d+(?:\.\d+)*)?",
        TOOLS.join("|")
    );
    [
        r"(?s)\$\$.*?\$\$",
        r"``[^\n]*?``",
        r"`[^`\n]*`",
        r"\$[^$\n]+\$",
        r"(?s)\{\{#.*?\}\}",
        r"(?s)<!--.*?-->",
        r"<[^>\n]+>",
        r"\]\([^)\n]*\)",
        r"https?://\S+",
        r"arXiv:\d+\.\d+(?:v\d+)?",
        r"\b10\.\d{4,}/\S+",
        versions.as_str(),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("a valid mask"))
    .collect()
});

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d[\d,]*(?:\.\d+)?").expect("a valid pattern"));

static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s?(?:%|ns\b|µs\b|ms\b|min\b|minutes?\b|hours?\b|seconds?\b|KiB\b|MiB\b|GiB\b|kB\b|KB\b|MB\b|GB\b|TB\b|bytes\b|[GT]FLOP(?:/s)?)|\s(?:s\b))",
    )
    .expect("a valid pattern")
});

/// The section numbers of the book (`3.1`, `4.4`, …) from the pages' titles
/// (`# 3.1 The vanilla…`) and the article-section notes (`Article section: 3.1`).
/// Only a page's title makes a section: a number in a lower heading (an
/// exercise's, say) would otherwise let that number through everywhere.
pub fn section_numbers<'a>(pages: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    let heading =
        Regex::new(r"(?m)^(?:#|\*Article section:)\s+(\d+\.\d+)\b").expect("valid");
    pages
        .into_iter()
        .flat_map(|text| {
            heading
                .captures_iter(text)
                .map(|c| c[1].to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every measured-looking number typed by hand in `page`.
pub fn find(page: &str, sections: &BTreeSet<String>) -> Vec<Typed> {
    let prose = mask(page);
    let mut found = Vec::new();
    for m in NUMBER.find_iter(&prose) {
        let before = prose[..m.start()].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_' || c == '-') {
            continue;
        }
        let token = m.as_str().trim_end_matches(',');
        let after = &prose[m.start() + token.len()..];
        let unit = UNIT.find(after).map(|u| u.as_str());
        let times = after.starts_with('×')
            && !after['×'.len_utf8()..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
        let decimal = token.contains('.');
        let section = decimal && sections.contains(token);
        if unit.is_some() || times || (decimal && !section) {
            let suffix = unit.unwrap_or(if times { "×" } else { "" });
            found.push(Typed {
                line: page[..m.start()].matches('\n').count() + 1,
                text: format!("{token}{suffix}"),
            });
        }
    }
    found
}

/// `page` with code, math, directives, HTML, link targets and names blanked
/// out (same length, so that offsets keep their lines).
fn mask(page: &str) -> String {
    let mut bytes = blank_fences(page).into_bytes();
    for re in MASKS.iter() {
        let text = String::from_utf8(bytes.clone()).expect("blanking keeps UTF-8");
        for m in re.find_iter(&text) {
            blank(&mut bytes, m.start(), m.end());
        }
    }
    String::from_utf8(bytes).expect("blanking keeps UTF-8")
}

/// Fenced code blocks (```` ``` ````) blanked out, lines kept.
fn blank_fences(page: &str) -> String {
    let mut inside = false;
    let mut out = String::with_capacity(page.len());
    for line in page.split_inclusive('\n') {
        let fence = line.trim_start_matches([' ', '>']).starts_with("```");
        if inside || fence {
            // A multi-byte character becomes as many spaces as it has bytes.
            for c in line.chars() {
                if c == '\n' {
                    out.push('\n');
                } else {
                    out.extend(std::iter::repeat_n(' ', c.len_utf8()));
                }
            }
        } else {
            out.push_str(line);
        }
        if fence {
            inside = !inside;
        }
    }
    out
}

/// Replace `bytes[start..end]` (whole characters) by spaces, newlines kept.
fn blank(bytes: &mut [u8], start: usize, end: usize) {
    for b in &mut bytes[start..end] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &str) -> Vec<String> {
        let sections = section_numbers([page]);
        find(page, &sections).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn measured_looking_numbers_in_prose_are_found() {
        let page = "# 3.4 Fast\n\nIt reaches 0.81, takes 13.6 s (4 s on two cores, 2× faster, \
                    1.5× more), uses 8 MB and 58% of reviews; 190 GFLOP/s.\n";
        assert_eq!(
            texts(page),
            [
                "0.81",
                "13.6 s",
                "4 s",
                "2×",
                "1.5×",
                "8 MB",
                "58%",
                "190 GFLOP/s"
            ]
        );
    }

    #[test]
    fn only_a_page_title_or_an_article_note_makes_a_section_number() {
        let page = "# 3.1 Title\n*Article section: 4.2 x*\n### 4.7 An exercise\n";
        let sections: Vec<String> = section_numbers([page]).into_iter().collect();
        assert_eq!(sections, ["3.1", "4.2"]);
    }

    #[test]
    fn code_math_directives_names_and_sections_are_not_prose() {
        let page = "# 3.1 Vanilla\n\n```rust\nlet x = 0.5;\n```\n\
                    See section 3.1, `lr = 0.003`, $\\sigma(1) = 0.73$, $$0.5$$,\n\
                    {{#result r.json /a .3}}, {{#given 0.003 | a setting}}, <!-- 0.9 -->\n\
                    [figure](figures/gain-0.5.svg), arXiv:1412.3555, Keras 3.15.1, PyTorch 2.15,\n\
                    an embedding of 20000×100, in 1990s, h2 and v1.2.\n";
        assert_eq!(texts(page), Vec::<String>::new());
    }

    #[test]
    fn a_section_number_with_a_unit_is_still_a_measurement() {
        let page = "# 3.4 Fast\n\nAn epoch takes 3.4 s.\n";
        assert_eq!(texts(page), ["3.4 s"]);
    }

    #[test]
    fn lines_are_counted_through_blanked_blocks() {
        let page = "a\n```\nb 0.5\n```\nc 0.25\n";
        let found = find(page, &BTreeSet::new());
        assert_eq!(
            found,
            [Typed {
                line: 5,
                text: "0.25".into()
            }]
        );
    }
}
