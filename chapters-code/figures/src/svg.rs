//! A [`Diagram`] written as SVG text, element by element: no fonts are read
//! and nothing depends on the machine, so the same diagram always gives the
//! same bytes.

use std::fmt::Write;

use plotters::style::RGBColor;

use crate::diagram::{Anchor, Diagram, OP_RADIUS, Point, Shape, Stroke};
use crate::style::{FONT, colour};

/// The face of mathematics in labels, like the equations of the page.
const MATH_FONT: &str = "serif";

impl Diagram {
    /// The diagram as the text of an SVG file.
    pub fn to_svg(&self) -> String {
        let (w, h) = (self.width, self.height);
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\">\n\
             <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\n"
        );
        for shape in &self.shapes {
            shape_svg(&mut svg, shape);
        }
        svg.push_str("</svg>\n");
        svg
    }
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn shape_svg(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Node {
            centre: (x, y),
            size: (w, h),
            label,
            colour: c,
        } => {
            let c = hex(colour(*c));
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{w}\" height=\"{h}\" rx=\"4\" fill=\"{c}\" \
                 fill-opacity=\"0.18\" stroke=\"{c}\" stroke-width=\"2\"/>",
                x - w / 2,
                y - h / 2
            );
            text_svg(out, (*x, *y), label, 18, Anchor::Middle, RGBColor(0, 0, 0));
        }
        Shape::Op { centre, symbol } => {
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{OP_RADIUS}\" fill=\"#FFFFFF\" \
                 stroke=\"#000000\" stroke-width=\"2\"/>",
                centre.0, centre.1
            );
            // Words (tanh) are smaller than one-character operators.
            let size = match symbol.chars().count() {
                1 => 20,
                2 => 15,
                _ => 12,
            };
            text_svg(
                out,
                *centre,
                symbol,
                size,
                Anchor::Middle,
                RGBColor(0, 0, 0),
            );
        }
        Shape::Panel {
            corner: (x, y),
            size: (w, h),
            colour: c,
        } => {
            let c = hex(colour(*c));
            let _ = writeln!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"14\" fill=\"{c}\" \
                 fill-opacity=\"0.06\" stroke=\"{c}\" stroke-opacity=\"0.5\" stroke-width=\"1\"/>"
            );
        }
        Shape::Shade {
            corner: (x, y),
            size: (w, h),
            colour: c,
            strength,
        } => {
            let _ = writeln!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{}\" \
                 fill-opacity=\"{strength:.3}\" stroke=\"#BBBBBB\" stroke-width=\"0.5\"/>",
                hex(colour(*c))
            );
        }
        Shape::Path {
            points,
            stroke,
            head,
        } => path_svg(out, points, *stroke, *head),
        Shape::Dot { at, colour } => {
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{}\"/>",
                at.0,
                at.1,
                hex(*colour)
            );
        }
        Shape::Label {
            at,
            text,
            size,
            anchor,
            colour,
        } => text_svg(out, *at, text, *size, *anchor, *colour),
    }
}

/// A polyline, shortened at its end by the length of its head, and the head.
fn path_svg(out: &mut String, points: &[Point], stroke: Stroke, head: bool) {
    let n = points.len();
    let (from, to) = (points[n - 2], points[n - 1]);
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let length = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / length, dy / length);
    let head_length = if head { 6.0 + 2.5 * stroke.width } else { 0.0 };
    let base = (
        to.0 as f64 - ux * head_length,
        to.1 as f64 - uy * head_length,
    );
    let mut line: Vec<String> = points[..n - 1]
        .iter()
        .map(|p| format!("{},{}", p.0, p.1))
        .collect();
    line.push(format!("{:.1},{:.1}", base.0, base.1));
    let c = hex(stroke.colour);
    let dash = if stroke.dashed {
        " stroke-dasharray=\"7 5\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"{}\" \
         stroke-linejoin=\"round\"{dash}/>",
        line.join(" "),
        stroke.width
    );
    if head {
        let half = head_length * 0.45;
        let wing = |sign: f64| (base.0 - sign * uy * half, base.1 + sign * ux * half);
        let (a, b) = (wing(1.0), wing(-1.0));
        let _ = writeln!(
            out,
            "<polygon points=\"{},{} {:.1},{:.1} {:.1},{:.1}\" fill=\"{c}\"/>",
            to.0, to.1, a.0, a.1, b.0, b.1
        );
    }
}

/// One run of a label: plain text, mathematics, or a sub- or superscript of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Run {
    Text(String),
    Math(String),
    Sub(String),
    Sup(String),
}

/// Splits a label into runs: `$…$` is mathematics, and in it `_x`, `_{…}`,
/// `^x`, `^{…}` are sub- and superscripts; `-` in mathematics is a minus.
pub(crate) fn runs(label: &str) -> Vec<Run> {
    let mut out = Vec::new();
    for (k, part) in label.split('$').enumerate() {
        if part.is_empty() {
            continue;
        }
        if k % 2 == 0 {
            out.push(Run::Text(part.to_owned()));
            continue;
        }
        let mut chars = part.chars().peekable();
        let mut math = String::new();
        while let Some(c) = chars.next() {
            if c != '_' && c != '^' {
                math.push(if c == '-' { '−' } else { c });
                continue;
            }
            if !math.is_empty() {
                out.push(Run::Math(std::mem::take(&mut math)));
            }
            let mut script = String::new();
            if chars.peek() == Some(&'{') {
                chars.next();
                for s in chars.by_ref() {
                    if s == '}' {
                        break;
                    }
                    script.push(if s == '-' { '−' } else { s });
                }
            } else if let Some(s) = chars.next() {
                script.push(s);
            }
            out.push(if c == '_' {
                Run::Sub(script)
            } else {
                Run::Sup(script)
            });
        }
        if !math.is_empty() {
            out.push(Run::Math(math));
        }
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A `<text>` element made of one `<tspan>` per run.
fn text_svg(
    out: &mut String,
    at: Point,
    label: &str,
    size: u32,
    anchor: Anchor,
    c: RGBColor,
) {
    let anchor = match anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    };
    let script = (size as f64 * 0.7).round() as u32;
    let shift = (size as f64 * 0.3).round() as i32;
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{size}\" text-anchor=\"{anchor}\" \
         dominant-baseline=\"central\" fill=\"{}\">",
        at.0,
        at.1,
        hex(c)
    );
    // `dy` moves the baseline for the rest of the line, so the run after a
    // script moves it back.
    let math = format!(" font-family=\"{MATH_FONT}\" font-style=\"italic\"");
    let mut level = 0;
    // A script right after a script of the other kind is stacked over it:
    // it moves back by an estimate of the first one's width.
    let mut previous_script: Option<&str> = None;
    let width = |t: &str| 0.5 * script as f64 * t.chars().count() as f64;
    // After a stacked pair the text goes on after the wider of the two.
    let mut catch_up = 0.0;
    let all = runs(label);
    for run in &all {
        let (attributes, text, to) = match run {
            Run::Text(t) => (String::new(), t, 0),
            Run::Math(t) => (math.clone(), t, 0),
            Run::Sub(t) => (format!("{math} font-size=\"{script}\""), t, shift),
            Run::Sup(t) => (format!("{math} font-size=\"{script}\""), t, -shift),
        };
        let mut moves = String::new();
        if to != level {
            let _ = write!(moves, " dy=\"{}\"", to - level);
        }
        if let (Some(before), true) = (previous_script, to != 0 && level != 0) {
            let _ = write!(moves, " dx=\"-{:.1}\"", width(before));
            catch_up = (width(before) - width(text)).max(0.0);
            previous_script = None;
        } else {
            if catch_up > 0.0 {
                let _ = write!(moves, " dx=\"{catch_up:.1}\"");
                catch_up = 0.0;
            }
            previous_script = if to != 0 { Some(text.as_str()) } else { None };
        }
        level = to;
        let _ = write!(out, "<tspan{attributes}{moves}>{}</tspan>", escape(text));
    }
    out.push_str("</text>\n");
}

#[cfg(test)]
mod tests {
    use super::{Run, runs};

    #[test]
    fn labels_split_into_text_mathematics_and_scripts() {
        assert_eq!(
            runs("gate $f_t$ and $h_{t-1}$"),
            vec![
                Run::Text("gate ".into()),
                Run::Math("f".into()),
                Run::Sub("t".into()),
                Run::Text(" and ".into()),
                Run::Math("h".into()),
                Run::Sub("t−1".into()),
            ]
        );
        assert_eq!(
            runs("$W_{hh}^T a$"),
            vec![
                Run::Math("W".into()),
                Run::Sub("hh".into()),
                Run::Sup("T".into()),
                Run::Math(" a".into()),
            ]
        );
        assert_eq!(runs("plain - text"), vec![Run::Text("plain - text".into())]);
    }
}
