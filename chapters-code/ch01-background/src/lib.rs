//! Chapter 1: a timeline of the ideas the book builds on, each with the
//! reference the chapter cites.

use std::path::{Path, PathBuf};

use figures::{Diagram, FigureError};

/// (year, what happened, who) — in the order of the chapter, every entry
/// listed in the book's references.
pub const EVENTS: [(u32, &str, &str); 12] = [
    (1990, "simple recurrent network", "Elman"),
    (1994, "long-range gradients vanish", "Bengio et al."),
    (1997, "LSTM", "Hochreiter & Schmidhuber"),
    (2000, "forget gate", "Gers et al."),
    (2013, "gradient clipping", "Pascanu et al."),
    (2014, "GRU, encoder–decoder", "Cho et al."),
    (2014, "sequence to sequence", "Sutskever et al."),
    (2015, "attention", "Bahdanau et al."),
    (2017, "Transformer", "Vaswani et al."),
    (2022, "S4 state spaces", "Gu et al."),
    (2023, "Mamba, RWKV", "Gu & Dao; Peng et al."),
    (2024, "xLSTM", "Beck et al."),
];

/// Where each event's label goes: above the axis or below, how far, and
/// how far its centre is moved sideways from the year, chosen so that no
/// label overlaps another and no stem runs through a label.
const PLACES: [(bool, i32, i32); 12] = [
    (true, 60, 34),
    (false, 60, -14),
    (true, 120, 0),
    (false, 120, 0),
    (false, 60, -74),
    (false, 120, -71),
    (true, 60, -36),
    (false, 180, 0),
    (true, 120, 0),
    (true, 180, 0),
    (false, 60, 12),
    (true, 60, 15),
];

const LEFT: i32 = 40;
const RIGHT: i32 = 700;
const AXIS: i32 = 240;

/// The x position of a year on the axis (1988 to 2026).
pub fn x_of(year: u32) -> i32 {
    let span = (2026 - 1988) as f64;
    LEFT + ((year as f64 - 1988.0) / span * (RIGHT - LEFT) as f64).round() as i32
}

/// The timeline: an axis of years, every event above or below it.
pub fn timeline() -> Diagram {
    let mut d = Diagram::new(740, 470)
        .label(
            (370, 18),
            "Recurrent networks, and what came after them",
            20,
        )
        .arrow((LEFT - 10, AXIS), (RIGHT + 20, AXIS));
    for year in (1990..=2025).step_by(5) {
        d = d.label((x_of(year), AXIS + 14), &year.to_string(), 11);
    }
    for ((year, what, who), (up, reach, dx)) in EVENTS.iter().zip(PLACES) {
        let x = x_of(*year);
        let y = if up { AXIS - reach } else { AXIS + reach + 10 };
        let (from, to) = if up {
            ((x, y + 16), (x, AXIS - 4))
        } else {
            ((x, y - 20), (x, AXIS + 24))
        };
        d = d
            .arrow(from, to)
            .label((x + dx, y - 8), &format!("{year} {what}"), 12)
            .label((x + dx, y + 6), who, 11);
    }
    d
}

/// Write the chapter's figure into `dir`.
pub fn write_figures(dir: &Path) -> Result<Vec<PathBuf>, FigureError> {
    let path = dir.join("background-timeline.svg");
    timeline().save_svg(&path)?;
    Ok(vec![path])
}
