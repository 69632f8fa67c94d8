//! Chapter 2: the core concepts, as pictures.
//!
//! The chapter has no model of its own (chapter 3 builds them); this crate
//! draws its figures: [`unrolled`] the recurrent layer folded and unrolled
//! in time, [`patterns`] the three usage patterns, [`gating`] what an
//! interpolating gate does to a state over time, and [`deeper`] a stack of
//! layers and a bidirectional layer.

pub mod deeper;
pub mod dropout;
pub mod gating;
pub mod patterns;
pub mod unrolled;

use std::path::{Path, PathBuf};

use figures::FigureError;

/// Write the chapter's figures into `dir`.
pub fn write_figures(dir: &Path) -> Result<Vec<PathBuf>, FigureError> {
    let paths = [
        (dir.join("concepts-unrolled.svg"), unrolled::diagram()),
        (dir.join("concepts-patterns.svg"), patterns::diagram()),
        (dir.join("concepts-deeper.svg"), deeper::diagram()),
        (dir.join("concepts-dropout.svg"), dropout::diagram()),
    ];
    let mut written = Vec::new();
    for (path, diagram) in paths {
        diagram.save_svg(&path)?;
        written.push(path);
    }
    let gate = dir.join("concepts-gating.svg");
    gating::chart().save_svg(&gate)?;
    written.push(gate);
    Ok(written)
}
