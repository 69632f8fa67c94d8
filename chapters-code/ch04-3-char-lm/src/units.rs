//! Looking inside the model: which hidden units track something a reader
//! can check?
//!
//! Karpathy found, in character models of C and of novels, single units that
//! follow the depth of brackets, whether the text is inside a quotation, or
//! how far along the line it is. This module computes such checkable
//! quantities for Rust source ([`features`]), measures how strongly every
//! unit's activation follows each one ([`pearson`], [`rank_units`]), and
//! draws a passage coloured by one unit ([`passage_svg`]).

use std::fmt::Write;
use std::path::Path;

use figures::{FONT, PALETTE, RGBColor};
use ndarray::ArrayView2;

/// What a reader can check at every character of Rust source, each the
/// value *after* reading that character (so it lines up with the LSTM
/// state h_t that has just read character t).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// The number of `{` minus the number of `}` read so far, counting only
    /// braces in code (not in strings, character literals or comments). It
    /// is not clamped: a passage that closes more braces than it opened
    /// (one cut from the middle of a file) goes negative.
    pub brace_depth: Vec<f64>,
    /// 1.0 inside a string literal (`"…"` with its escapes, `b"…"`, `c"…"`,
    /// and the raw `r"…"`, `r#"…"#`, `br#"…"#`), the whole literal from its
    /// prefix to its closing quote and hashes included; else 0.0. Character
    /// literals are not strings.
    pub in_string: Vec<f64>,
    /// 1.0 inside a comment: `//` (so `///` and `//!` too) up to but not
    /// including the newline, and `/* … */`, nested, delimiters included;
    /// else 0.0.
    pub in_comment: Vec<f64>,
    /// Position in the line, counted in characters (a tab counts as one): 0
    /// for the first character after a newline. The newline itself ends its
    /// line and has the column it sits at.
    pub column: Vec<f64>,
}

/// The names of the features, in the order of [`Features::get`].
pub const FEATURE_NAMES: [&str; 4] = [
    "brace depth",
    "inside a string",
    "inside a comment",
    "position in the line",
];

impl Features {
    /// The `k`-th feature, named `FEATURE_NAMES[k]`; panics if `k` > 3.
    pub fn get(&self, k: usize) -> &[f64] {
        match k {
            0 => &self.brace_depth,
            1 => &self.in_string,
            2 => &self.in_comment,
            3 => &self.column,
            _ => panic!("there is no feature {k}: the features are {FEATURE_NAMES:?}"),
        }
    }

    /// The number of characters described.
    pub fn len(&self) -> usize {
        self.column.len()
    }

    /// Whether no characters are described.
    pub fn is_empty(&self) -> bool {
        self.column.is_empty()
    }
}

// ANCHOR: lexer
/// What a character belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Code,
    Str,
    Comment,
    Char,
}

/// Where the lexer is, before it reads the next character.
#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Code,
    LineComment,
    /// Inside `depth` nested `/*`.
    BlockComment(u32),
    /// Inside `"…"`, `b"…"` or `c"…"`, where `\` escapes the next character.
    Str,
    /// Inside a raw string that ends at `"` followed by this many `#`.
    RawStr(usize),
    /// Inside a character literal that began with `'\`: it ends at `'`.
    Char,
}

/// Which class every character of `text` belongs to.
fn classify(text: &[char]) -> Vec<Class> {
    let mut classes = Vec::with_capacity(text.len());
    let mut state = State::Code;
    while classes.len() < text.len() {
        let i = classes.len();
        let before = i.checked_sub(1).map(|j| text[j]);
        let (len, class, next) = step(state, &text[i..], before);
        // A literal cut off by the end of the text claims only what is left.
        let len = len.min(text.len() - i);
        classes.extend(std::iter::repeat_n(class, len));
        state = next;
    }
    classes
}

/// One move of the lexer from `state`: `rest` is the text still to read
/// (never empty) and `before` the character just read. Returns how many
/// characters the move reads, their class, and the state after them.
fn step(state: State, rest: &[char], before: Option<char>) -> (usize, Class, State) {
    match state {
        State::Code => code_step(rest, before),
        State::LineComment if rest[0] == '\n' => (1, Class::Code, State::Code),
        State::LineComment => (1, Class::Comment, state),
        State::BlockComment(depth) => match (rest[0], rest.get(1)) {
            ('/', Some('*')) => (2, Class::Comment, State::BlockComment(depth + 1)),
            ('*', Some('/')) if depth == 1 => (2, Class::Comment, State::Code),
            ('*', Some('/')) => (2, Class::Comment, State::BlockComment(depth - 1)),
            _ => (1, Class::Comment, state),
        },
        State::Str => match rest[0] {
            '\\' => (2, Class::Str, state),
            '"' => (1, Class::Str, State::Code),
            _ => (1, Class::Str, state),
        },
        State::RawStr(n)
            if rest[0] == '"' && (1..=n).all(|k| rest.get(k) == Some(&'#')) =>
        {
            (1 + n, Class::Str, State::Code)
        }
        State::RawStr(_) => (1, Class::Str, state),
        State::Char => match rest[0] {
            '\\' => (2, Class::Char, state),
            '\'' => (1, Class::Char, State::Code),
            _ => (1, Class::Char, state),
        },
    }
}

/// A move from code: a comment, string or character literal may start here.
fn code_step(rest: &[char], before: Option<char>) -> (usize, Class, State) {
    match (rest[0], rest.get(1)) {
        ('/', Some('/')) => (2, Class::Comment, State::LineComment),
        ('/', Some('*')) => (2, Class::Comment, State::BlockComment(1)),
        ('"', _) => (1, Class::Str, State::Str),
        ('\'', _) => quote(rest),
        _ => match string_opening(rest, before) {
            Some((len, state)) => (len, Class::Str, state),
            None => (1, Class::Code, State::Code),
        },
    }
}

/// A `'` in code: a character literal (`'a'`, `'{'`, `'\''`, `'\u{7B}'`)
/// or a lifetime or loop label (`'a`, `'static`), which is code.
fn quote(rest: &[char]) -> (usize, Class, State) {
    match (rest.get(1), rest.get(2)) {
        (Some('\\'), _) => (1, Class::Char, State::Char),
        (Some(_), Some('\'')) => (3, Class::Char, State::Code),
        _ => (1, Class::Code, State::Code),
    }
}

/// If a prefixed string literal (`b"`, `c"`, `r"`, `r#"`, `br##"`, `cr"`…)
/// opens at `rest[0]`: the length of its opening (prefix, hashes and quote)
/// and the state inside it. A letter that ends an identifier is no prefix.
fn string_opening(rest: &[char], before: Option<char>) -> Option<(usize, State)> {
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let mut k = usize::from(matches!(rest[0], 'b' | 'c'));
    let raw = rest.get(k) == Some(&'r');
    k += usize::from(raw);
    if k == 0 {
        return None;
    }
    // Only a raw string has hashes.
    let hashes = rest[k..].iter().take_while(|&&c| raw && c == '#').count();
    let state = if raw {
        State::RawStr(hashes)
    } else {
        State::Str
    };
    (rest.get(k + hashes) == Some(&'"')).then_some((k + hashes + 1, state))
}
// ANCHOR_END: lexer

// ANCHOR: features
/// The brace depth, string, comment and column of every character of `text`.
pub fn features(text: &[char]) -> Features {
    let mut f = Features::default();
    let indicator = |yes: bool| if yes { 1.0 } else { 0.0 };
    let (mut depth, mut column) = (0.0, 0.0);
    for (&c, class) in text.iter().zip(classify(text)) {
        match (class, c) {
            (Class::Code, '{') => depth += 1.0,
            (Class::Code, '}') => depth -= 1.0,
            _ => {}
        }
        f.brace_depth.push(depth);
        f.in_string.push(indicator(class == Class::Str));
        f.in_comment.push(indicator(class == Class::Comment));
        f.column.push(column);
        column = if c == '\n' { 0.0 } else { column + 1.0 };
    }
    f
}
// ANCHOR_END: features

// ANCHOR: rank
/// Pearson's correlation coefficient of two equal-length series: their
/// covariance over the product of their standard deviations, in [−1, 1].
/// 0.0 if either series is constant (or empty). Panics naming both lengths
/// if they differ.
pub fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let (n, m) = (a.len(), b.len());
    assert_eq!(n, m, "pearson: the series have lengths {n} and {m}");
    // Constancy is tested exactly: the mean of a constant series need not equal its
    // values in floating point, and rounding noise would then correlate.
    let constant = |s: &[f64]| s.iter().all(|&x| x == s[0]);
    if constant(a) || constant(b) {
        return 0.0;
    }
    let n = n as f64;
    let (mean_a, mean_b) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut cov, mut var_a, mut var_b) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (x - mean_a, y - mean_b);
        cov += dx * dy;
        var_a += dx * dx;
        var_b += dy * dy;
    }
    (cov / (var_a.sqrt() * var_b.sqrt())).clamp(-1.0, 1.0)
}

/// For `activations` (T, H), row t the state after character t, and one
/// feature (T): every unit's correlation with the feature, as (unit, r),
/// sorted by |r| descending (ties keep the order of the units).
pub fn rank_units(activations: ArrayView2<f64>, feature: &[f64]) -> Vec<(usize, f64)> {
    let (rows, values) = (activations.nrows(), feature.len());
    assert_eq!(rows, values, "rank_units: {rows} rows but {values} values");
    let mut ranked: Vec<(usize, f64)> = activations
        .columns()
        .into_iter()
        .enumerate()
        .map(|(unit, column)| (unit, pearson(&column.to_vec(), feature)))
        .collect();
    ranked.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()));
    ranked
}
// ANCHOR_END: rank

// The passage's layout, in SVG pixels. Each character is placed in a cell of
// a fixed width (0.6 em, the advance of DejaVu Sans Mono), not by the font,
// so any monospace face lines up.
const MONO: &str = "DejaVu Sans Mono, monospace";
const FONT_SIZE: f64 = 14.0;
const CELL_WIDTH: f64 = 8.4;
const LINE_HEIGHT: f64 = 18.0;
const MARGIN: f64 = 12.0;
const TITLE_HEIGHT: f64 = 30.0;
/// The legend: three swatches with their labels, at the top right.
const LEGEND_WIDTH: f64 = 132.0;
/// Cells a tab takes.
const TAB: usize = 4;
/// The colours of activations −1 and +1: the book's blue and vermillion.
const NEGATIVE: RGBColor = PALETTE[0];
const POSITIVE: RGBColor = PALETTE[1];

/// `text` drawn as an SVG, as in an editor (a new row at every `'\n'`, a tab
/// four cells wide), under a `title` line with a legend of the colours.
///
/// Every character gets one background rectangle, newlines included (a
/// newline's cell sits at the end of its line, with no glyph), coloured by
/// its activation: blue (#0072B2) for −1, white for 0, vermillion (#D55E00)
/// for +1, linear in between; values outside [−1, 1] are clamped and NaN is
/// drawn white. The rectangles are the `<rect>`s of `<g id="cells">`.
/// Whitespace and control characters get a cell but no glyph. Panics if
/// `text` and `activation` differ in length.
pub fn passage_svg(text: &[char], activation: &[f64], title: &str) -> String {
    let (n, m) = (text.len(), activation.len());
    assert_eq!(n, m, "passage_svg: {n} characters but {m} activations");
    let cells = layout(text);
    let right = cells.iter().map(|c| c.0 + c.2).fold(0.0, f64::max);
    let bottom = cells
        .last()
        .map_or(MARGIN + TITLE_HEIGHT, |c| c.1 + LINE_HEIGHT);
    let title_width = title.chars().count() as f64 * CELL_WIDTH + 20.0 + LEGEND_WIDTH;
    let width = (right.max(MARGIN + title_width) + MARGIN).ceil();
    let height = (bottom + MARGIN).ceil();

    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONT}\" font-size=\"{FONT_SIZE}\" \
         dominant-baseline=\"central\">\n\
         <rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#FFFFFF\"/>\n\
         <text x=\"{MARGIN}\" y=\"{}\">{}</text>\n",
        MARGIN + 7.0,
        escape(title)
    );
    legend(&mut svg, width - MARGIN - LEGEND_WIDTH);
    svg.push_str("<g id=\"cells\" shape-rendering=\"crispEdges\">\n");
    for (&(x, y, w), &a) in cells.iter().zip(activation) {
        let _ = writeln!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" \
             height=\"{LINE_HEIGHT}\" fill=\"{}\"/>",
            fill(a)
        );
    }
    let _ = writeln!(svg, "</g>\n<g font-family=\"{MONO}\">");
    for (&(x, y, _), &c) in cells.iter().zip(text) {
        if !c.is_whitespace() && !c.is_control() {
            let (y, glyph) = (y + LINE_HEIGHT / 2.0, escape(&c.to_string()));
            let _ = writeln!(svg, "<text x=\"{x:.1}\" y=\"{y:.1}\">{glyph}</text>");
        }
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// Writes [`passage_svg`] to `path`, creating its directory if needed.
pub fn save_passage_svg(
    path: &Path,
    text: &[char],
    activation: &[f64],
    title: &str,
) -> anyhow::Result<()> {
    let svg = passage_svg(text, activation, title);
    Ok(fileio::write_atomically(path, svg.as_bytes())?)
}

/// The top-left corner and the width of every character's cell, in pixels:
/// a new row after every newline, a tab as wide as four characters.
fn layout(text: &[char]) -> Vec<(f64, f64, f64)> {
    let (mut row, mut col) = (0, 0);
    text.iter()
        .map(|&c| {
            let span = if c == '\t' { TAB } else { 1 };
            let x = MARGIN + col as f64 * CELL_WIDTH;
            let y = MARGIN + TITLE_HEIGHT + row as f64 * LINE_HEIGHT;
            if c == '\n' {
                (row, col) = (row + 1, 0);
            } else {
                col += span;
            }
            (x, y, span as f64 * CELL_WIDTH)
        })
        .collect()
}

/// Three swatches, −1, 0 and +1, starting at `x` on the title line.
fn legend(svg: &mut String, x: f64) {
    svg.push_str("<g id=\"legend\" font-size=\"12\">\n");
    for (k, (value, label)) in [(-1.0, "−1"), (0.0, "0"), (1.0, "+1")]
        .into_iter()
        .enumerate()
    {
        let left = x + k as f64 * 44.0;
        let _ = writeln!(
            svg,
            "<rect x=\"{left:.1}\" y=\"{MARGIN}\" width=\"14\" height=\"14\" fill=\"{}\" \
             stroke=\"#BBBBBB\" stroke-width=\"0.5\"/>\n<text x=\"{:.1}\" y=\"{}\">{label}</text>",
            fill(value),
            left + 18.0,
            MARGIN + 7.0
        );
    }
    svg.push_str("</g>\n");
}

/// The colour of an activation: white at 0, moving linearly to blue at −1
/// and vermillion at +1, clamped outside; NaN is white.
fn fill(activation: f64) -> String {
    let a = activation.clamp(-1.0, 1.0);
    let a = if a.is_nan() { 0.0 } else { a };
    let end = if a < 0.0 { NEGATIVE } else { POSITIVE };
    let mix = |channel: u8| (255.0 + a.abs() * (f64::from(channel) - 255.0)).round() as u8;
    format!("#{:02X}{:02X}{:02X}", mix(end.0), mix(end.1), mix(end.2))
}

/// `s` with the five XML specials escaped; control characters, which XML
/// cannot hold, are dropped.
fn escape(s: &str) -> String {
    let kept: String = s.chars().filter(|c| !c.is_control()).collect();
    // `&` first, so that the `&` of the other escapes stays as it is.
    kept.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
