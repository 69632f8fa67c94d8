//! A diagram: boxes, arrows and labels at pixel positions, in the book's
//! font and colours. Chapter 2 draws its pictures of recurrent layers with it.

use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::style::{FONT, colour};
use fileio::write_atomically;

use crate::FigureError;

/// A point in SVG pixels, (x to the right, y downwards).
pub type Point = (i32, i32);

/// One thing drawn.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Node {
        centre: Point,
        size: (i32, i32),
        label: String,
        colour: usize,
    },
    Arrow {
        /// The path; the head is at the last point.
        points: Vec<Point>,
        dashed: bool,
    },
    Label {
        at: Point,
        text: String,
        size: u32,
    },
}

/// A picture made of labelled boxes, arrows and free labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    width: u32,
    height: u32,
    shapes: Vec<Shape>,
}

impl Diagram {
    /// An empty diagram of `width` × `height` pixels.
    pub fn new(width: u32, height: u32) -> Self {
        Diagram {
            width,
            height,
            shapes: Vec::new(),
        }
    }

    /// A box of `size` centred at `centre`, filled with a light tint of
    /// palette colour `colour`, with `label` in the middle.
    pub fn node(
        mut self,
        centre: Point,
        size: (i32, i32),
        label: &str,
        colour: usize,
    ) -> Self {
        self.shapes.push(Shape::Node {
            centre,
            size,
            label: label.to_owned(),
            colour,
        });
        self
    }

    /// An arrow from `from` to `to`, its head at `to`.
    pub fn arrow(self, from: Point, to: Point) -> Self {
        self.path_arrow(&[from, to], false)
    }

    /// An arrow along straight segments through `points` (at least two),
    /// its head at the last; dashed for something fed back.
    pub fn path_arrow(mut self, points: &[Point], dashed: bool) -> Self {
        assert!(points.len() >= 2, "an arrow needs at least two points");
        self.shapes.push(Shape::Arrow {
            points: points.to_vec(),
            dashed,
        });
        self
    }

    /// Text centred at `at`, `size` pixels high.
    pub fn label(mut self, at: Point, text: &str, size: u32) -> Self {
        self.shapes.push(Shape::Label {
            at,
            text: text.to_owned(),
            size,
        });
        self
    }

    /// Write the diagram as an SVG at `path`.
    pub fn save_svg(&self, path: &Path) -> Result<(), FigureError> {
        let fail = |e: DrawingAreaErrorKind<std::io::Error>| FigureError::Draw {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (self.width, self.height))
                .into_drawing_area();
            root.fill(&WHITE).map_err(fail)?;
            for shape in &self.shapes {
                draw(&root, shape).map_err(fail)?;
            }
            root.present().map_err(fail)?;
        }
        Ok(write_atomically(path, svg.as_bytes())?)
    }
}

fn centred(size: u32) -> TextStyle<'static> {
    (FONT, size)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Center))
}

fn draw(
    root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    shape: &Shape,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    match shape {
        Shape::Node {
            centre: (x, y),
            size: (w, h),
            label,
            colour: c,
        } => {
            let corners = [(x - w / 2, y - h / 2), (x + w / 2, y + h / 2)];
            root.draw(&Rectangle::new(corners, colour(*c).mix(0.18).filled()))?;
            root.draw(&Rectangle::new(corners, colour(*c).stroke_width(2)))?;
            root.draw(&Text::new(label.clone(), (*x, *y), centred(18)))
        }
        Shape::Arrow { points, dashed } => {
            let style = BLACK.stroke_width(2);
            let n = points.len();
            let (from, to) = (points[n - 2], points[n - 1]);
            let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
            let length = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ux, uy) = (dx / length, dy / length);
            // The line stops where the head begins.
            let head = 10.0;
            let base = (to.0 as f64 - ux * head, to.1 as f64 - uy * head);
            let mut line = points[..n - 1].to_vec();
            line.push((base.0.round() as i32, base.1.round() as i32));
            for segment in line.windows(2) {
                draw_segment(root, segment[0], segment[1], *dashed, style)?;
            }
            let side = (-uy * head * 0.45, ux * head * 0.45);
            let wing = |sign: f64| {
                (
                    (base.0 + sign * side.0).round() as i32,
                    (base.1 + sign * side.1).round() as i32,
                )
            };
            root.draw(&Polygon::new(
                vec![to, wing(1.0), wing(-1.0)],
                BLACK.filled(),
            ))
        }
        Shape::Label { at, text, size } => {
            root.draw(&Text::new(text.clone(), *at, centred(*size)))
        }
    }
}

/// One straight segment, solid or in dashes of about 6 pixels.
fn draw_segment(
    root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    from: Point,
    to: Point,
    dashed: bool,
    style: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    if !dashed {
        return root.draw(&PathElement::new(vec![from, to], style));
    }
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let pieces = ((dx * dx + dy * dy).sqrt() / 6.0).floor().max(1.0) as i32;
    let at = |s: f64| {
        (
            (from.0 as f64 + dx * s).round() as i32,
            (from.1 as f64 + dy * s).round() as i32,
        )
    };
    for k in (0..pieces).step_by(2) {
        let (a, b) = (
            k as f64 / pieces as f64,
            ((k + 1) as f64 / pieces as f64).min(1.0),
        );
        root.draw(&PathElement::new(vec![at(a), at(b)], style))?;
    }
    Ok(())
}
