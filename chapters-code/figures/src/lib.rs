//! The book's figure style.
//!
//! Every chapter draws its figures through [`LineChart`], so that all figures
//! share one size, one font and one colour palette, and so that the same data
//! always gives the same SVG bytes (no system fonts, no timestamps).
//! [`parts`] is the command line of every crate's `book_parts` example,
//! which writes the crate's figures and tables into the book.

mod chart;
mod diagram;
pub mod parts;
mod style;
mod svg;
mod tags;

pub use chart::{Corner, LineChart, Series, save_stacked, tidy};
pub use diagram::{Anchor, Diagram, Ink, OP_RADIUS, Point, Stroke};
pub use fileio::FileError;
pub use plotters::style::RGBColor;
pub use style::{BLACK, FONT, GREY, HEIGHT, PALETTE, WIDTH, colour};
pub use tags::{equation_tags, textcolours};

/// Errors from drawing or writing a figure.
#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    /// The figure could not be drawn (for example an empty or non-finite series).
    #[error("figure {path}: {reason}")]
    Draw { path: String, reason: String },
    /// The SVG, or a results file it is drawn from, could not be written or read.
    #[error(transparent)]
    File(#[from] FileError),
}
