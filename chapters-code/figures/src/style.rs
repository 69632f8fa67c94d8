//! Sizes, font and colours shared by every figure.

use plotters::style::RGBColor;

/// Width of every figure, in SVG pixels.
pub const WIDTH: u32 = 720;
/// Height of every figure, in SVG pixels.
pub const HEIGHT: u32 = 400;
/// The font family written into the SVG; the reader's browser picks the face.
pub const FONT: &str = "sans-serif";

/// The Okabe–Ito palette: distinguishable with every common colour-vision deficiency.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(240, 228, 66),  // yellow
    RGBColor(0, 0, 0),       // black
];

/// Black, for text in diagrams.
pub const BLACK: RGBColor = RGBColor(0, 0, 0);

/// The grey of notes in diagrams, and of the forward pass where a diagram
/// shows the backward pass in colour.
pub const GREY: RGBColor = RGBColor(110, 110, 110);

/// The colour of the `index`-th series (the palette repeats after eight).
pub fn colour(index: usize) -> RGBColor {
    PALETTE[index % PALETTE.len()]
}
