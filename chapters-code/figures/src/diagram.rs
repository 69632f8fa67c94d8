//! A diagram: boxes, operator circles, lines, arrows and labels at pixel
//! positions, in the book's fonts and colours. Chapter 1 draws its timeline
//! with it, chapter 2 its pictures of recurrent layers, chapter 3 its cells
//! and their backward passes.
//!
//! Labels are plain text with mathematics between dollar signs, written the
//! way the book's equations are: `"$h_{t-1}$"`, `"forget gate $f_t$"`,
//! `"$W_{hh}^T$"`. Mathematics is set in an italic serif face like the
//! equations on the page, `_` and `^` make a sub- or superscript of the next
//! character or of a `{…}` group, and an ASCII `-` becomes a minus sign.
//! Accents are the Unicode combining marks written after their letter
//! (`"C\u{303}"` is C̃, `"h\u{304}"` is h̄).

use std::path::Path;

use plotters::style::RGBColor;

use crate::FigureError;
use crate::style::{GREY, colour};
use fileio::write_atomically;

/// A point in SVG pixels, (x to the right, y downwards).
pub type Point = (i32, i32);

/// How a line or an arrow is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// The line's colour.
    pub colour: RGBColor,
    /// Its width in pixels.
    pub width: f64,
    /// Dashed (something fed back, or a gradient) or solid.
    pub dashed: bool,
}

impl Stroke {
    /// A solid black line two pixels wide: the forward computation.
    pub const PLAIN: Stroke = Stroke {
        colour: RGBColor(0, 0, 0),
        width: 2.0,
        dashed: false,
    };

    /// The same line in palette colour `index`.
    pub fn coloured(index: usize) -> Stroke {
        Stroke {
            colour: colour(index),
            ..Stroke::PLAIN
        }
    }

    /// This stroke, `width` pixels wide.
    pub fn width(self, width: f64) -> Stroke {
        Stroke { width, ..self }
    }

    /// This stroke, dashed.
    pub fn dashed(self) -> Stroke {
        Stroke {
            dashed: true,
            ..self
        }
    }
}

/// What the forward graph of a cell is drawn with: black when it is the
/// subject, grey when a drawing of the backward pass is drawn over it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ink {
    /// The arrows between the parts.
    pub line: Stroke,
    /// The state's own road through the cell, drawn thicker.
    pub highway: Stroke,
    /// The labels on the arrows.
    pub text: RGBColor,
}

impl Ink {
    /// Black, the forward pass as the subject.
    pub const BLACK: Ink = Ink {
        line: Stroke::PLAIN,
        highway: Stroke {
            width: 4.0,
            ..Stroke::PLAIN
        },
        text: RGBColor(0, 0, 0),
    };

    /// Grey and thinner, the forward pass as the background.
    pub const GREY: Ink = Ink {
        line: Stroke {
            colour: GREY,
            width: 1.5,
            dashed: false,
        },
        highway: Stroke {
            colour: GREY,
            width: 3.0,
            dashed: false,
        },
        text: GREY,
    };
}

/// Where a label sits relative to its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at the point.
    Start,
    /// The text is centred on the point.
    Middle,
    /// The text ends at the point.
    End,
}

/// One thing drawn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// A tinted box with a label: a vector, or a layer with weights.
    Node {
        centre: Point,
        size: (i32, i32),
        label: String,
        colour: usize,
    },
    /// A white circle holding an element-wise operation (×, +, tanh).
    Op { centre: Point, symbol: String },
    /// A faint rounded panel behind a group of shapes (the inside of a cell).
    Panel {
        corner: Point,
        size: (i32, i32),
        colour: usize,
    },
    /// A path through `points`, with an arrowhead at the last if `head`.
    Path {
        points: Vec<Point>,
        stroke: Stroke,
        head: bool,
    },
    /// A square of a heat map: palette colour `colour` at `strength` (0 to 1).
    Shade {
        corner: Point,
        size: (i32, i32),
        colour: usize,
        strength: f64,
    },
    /// A filled dot where lines meet or split.
    Dot { at: Point, colour: RGBColor },
    /// Text at `at`.
    Label {
        at: Point,
        text: String,
        size: u32,
        anchor: Anchor,
        colour: RGBColor,
    },
}

/// A picture made of labelled boxes, operators, arrows and free labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) shapes: Vec<Shape>,
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

    /// A circle at `centre` holding an element-wise operation such as
    /// `"×"`, `"+"`, `"tanh"` or `"1−"`; its radius is [`OP_RADIUS`].
    pub fn op(mut self, centre: Point, symbol: &str) -> Self {
        self.shapes.push(Shape::Op {
            centre,
            symbol: symbol.to_owned(),
        });
        self
    }

    /// A faint panel with its top-left corner at `corner`, drawn behind
    /// everything added after it.
    pub fn panel(mut self, corner: Point, size: (i32, i32), colour: usize) -> Self {
        self.shapes.push(Shape::Panel {
            corner,
            size,
            colour,
        });
        self
    }

    /// A solid black arrow from `from` to `to`, its head at `to`.
    pub fn arrow(self, from: Point, to: Point) -> Self {
        self.path_arrow(&[from, to], false)
    }

    /// A black arrow along straight segments through `points` (at least
    /// two), its head at the last; dashed for something fed back.
    pub fn path_arrow(self, points: &[Point], dashed: bool) -> Self {
        let stroke = if dashed {
            Stroke::PLAIN.dashed()
        } else {
            Stroke::PLAIN
        };
        self.arrow_with(points, stroke)
    }

    /// An arrow through `points` (at least two) drawn with `stroke`.
    pub fn arrow_with(self, points: &[Point], stroke: Stroke) -> Self {
        self.path(points, stroke, true)
    }

    /// A line through `points` (at least two) drawn with `stroke`, no head.
    pub fn line(self, points: &[Point], stroke: Stroke) -> Self {
        self.path(points, stroke, false)
    }

    fn path(mut self, points: &[Point], stroke: Stroke, head: bool) -> Self {
        assert!(
            points.len() >= 2,
            "a line needs at least two points, got {}",
            points.len()
        );
        self.shapes.push(Shape::Path {
            points: points.to_vec(),
            stroke,
            head,
        });
        self
    }

    /// A cell of a heat map with its top-left corner at `corner`: palette
    /// colour `colour` laid on white at `strength`, from 0 (white) to 1.
    pub fn shade(
        mut self,
        corner: Point,
        size: (i32, i32),
        colour: usize,
        strength: f64,
    ) -> Self {
        assert!(
            (0.0..=1.0).contains(&strength),
            "a shade's strength is between 0 and 1, not {strength}"
        );
        self.shapes.push(Shape::Shade {
            corner,
            size,
            colour,
            strength,
        });
        self
    }

    /// A dot at `at`, where lines meet or split, in the colour of `stroke`.
    pub fn dot(mut self, at: Point, stroke: Stroke) -> Self {
        self.shapes.push(Shape::Dot {
            at,
            colour: stroke.colour,
        });
        self
    }

    /// A legend's entry at `at`: a short line drawn with `stroke`, and after
    /// it `text` (with `$…$` mathematics) in `colour`.
    pub fn key(self, at: Point, stroke: Stroke, text: &str, colour: RGBColor) -> Self {
        self.line(&[at, (at.0 + 34, at.1)], stroke).text(
            (at.0 + 42, at.1),
            text,
            14,
            Anchor::Start,
            colour,
        )
    }

    /// Black text (with `$…$` mathematics) centred at `at`, `size` pixels high.
    pub fn label(self, at: Point, text: &str, size: u32) -> Self {
        self.text(at, text, size, Anchor::Middle, RGBColor(0, 0, 0))
    }

    /// Text (with `$…$` mathematics) at `at`, placed by `anchor`, in `colour`.
    pub fn text(
        mut self,
        at: Point,
        text: &str,
        size: u32,
        anchor: Anchor,
        colour: RGBColor,
    ) -> Self {
        self.shapes.push(Shape::Label {
            at,
            text: text.to_owned(),
            size,
            anchor,
            colour,
        });
        self
    }

    /// Write the diagram as an SVG at `path`. The same diagram always gives
    /// the same bytes.
    /// Refuses a diagram with a shape outside its canvas, naming the shape.
    pub fn save_svg(&self, path: &Path) -> Result<(), FigureError> {
        if let Some(shape) = self.shapes.iter().find(|s| !self.contains(s)) {
            return Err(FigureError::Draw {
                path: path.display().to_string(),
                reason: format!(
                    "{shape:?} lies outside the {} × {} canvas",
                    self.width, self.height
                ),
            });
        }
        Ok(write_atomically(path, self.to_svg().as_bytes())?)
    }

    /// Whether every point of `shape` (its box's corners, its path's
    /// points, its text's anchor) lies on the canvas.
    fn contains(&self, shape: &Shape) -> bool {
        let inside = |(x, y): Point| {
            (0..=self.width as i32).contains(&x) && (0..=self.height as i32).contains(&y)
        };
        match shape {
            Shape::Node { centre, size, .. } => {
                inside((centre.0 - size.0 / 2, centre.1 - size.1 / 2))
                    && inside((centre.0 + size.0 / 2, centre.1 + size.1 / 2))
            }
            Shape::Op { centre, .. } => {
                inside((centre.0 - OP_RADIUS, centre.1 - OP_RADIUS))
                    && inside((centre.0 + OP_RADIUS, centre.1 + OP_RADIUS))
            }
            Shape::Panel { corner, size, .. } | Shape::Shade { corner, size, .. } => {
                inside(*corner) && inside((corner.0 + size.0, corner.1 + size.1))
            }
            Shape::Path { points, .. } => points.iter().all(|p| inside(*p)),
            Shape::Dot { at, .. } => inside(*at),
            Shape::Label {
                at,
                text,
                size,
                anchor,
                ..
            } => {
                // A generous estimate of the text's width, so that a
                // reader's wider font still fits.
                let width = estimated_width(text, *size);
                let (left, right) = match anchor {
                    Anchor::Start => (at.0, at.0 + width),
                    Anchor::Middle => (at.0 - width / 2, at.0 + width / 2),
                    Anchor::End => (at.0 - width, at.0),
                };
                inside((left, at.1)) && inside((right, at.1))
            }
        }
    }
}

/// An upper estimate of the width of `text` (with its `$…$` markup) set
/// `size` pixels high: 0.55 of the size per visible character, about the
/// average width of a wide sans-serif face such as DejaVu Sans.
pub(crate) fn estimated_width(text: &str, size: u32) -> i32 {
    let visible = text
        .chars()
        .filter(|c| !matches!(c, '$' | '_' | '^' | '{' | '}'))
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .count();
    (visible as f64 * 0.55 * size as f64).ceil() as i32
}

/// The radius of an operator circle, in pixels.
pub const OP_RADIUS: i32 = 16;
