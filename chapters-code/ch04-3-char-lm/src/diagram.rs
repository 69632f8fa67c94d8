//! Truncated backpropagation through time, drawn: a stream read in chunks,
//! the state carried forward across a chunk's boundary, the gradient not.

use std::path::{Path, PathBuf};

use figures::{Anchor, Diagram, FigureError, GREY, Ink, Stroke, colour};

const STATE: usize = 2;
const INPUT: usize = 0;
const OUTPUT: usize = 1;
const NODE: (i32, i32) = (70, 34);
/// Steps drawn per chunk (the model reads 64).
const CHUNK: i32 = 3;
const ROW_L: i32 = 80;
const ROW_S: i32 = 170;
const ROW_X: i32 = 255;

/// The x position of step `k` (0-based) of the two chunks drawn.
fn column(k: i32) -> i32 {
    let gap = if k >= CHUNK { 60 } else { 0 };
    60 + 110 * k + gap
}

fn forward() -> Stroke {
    Ink::GREY.line
}

fn backward() -> Stroke {
    Stroke::coloured(1).width(2.5).dashed()
}

/// Two chunks of a stream, with the forward and backward arrows of each.
pub fn truncated_bptt() -> Diagram {
    let mut d = Diagram::new(720, 380).label(
        (360, 20),
        "Truncated backpropagation through time",
        20,
    );
    for k in 0..2 * CHUNK {
        d = step(d, k);
    }
    for k in 1..2 * CHUNK {
        d = link(d, k);
    }
    let boundary = (column(CHUNK - 1) + column(CHUNK)) / 2;
    d.line(
        &[(boundary, 48), (boundary, 290)],
        Stroke::PLAIN.width(1.0).dashed(),
    )
    .text((column(0) - 25, 48), "chunk 1", 15, Anchor::Start, GREY)
    .text((column(CHUNK) - 25, 48), "chunk 2", 15, Anchor::Start, GREY)
    .text(
        (boundary, 306),
        "state carried forward,",
        13,
        Anchor::Middle,
        GREY,
    )
    .text(
        (boundary, 322),
        "gradient stops",
        13,
        Anchor::Middle,
        colour(1),
    )
    .line(&[(40, 352), (74, 352)], forward())
    .text(
        (82, 352),
        "forward: the state $(h, C)$ passed on",
        14,
        Anchor::Start,
        GREY,
    )
    .line(&[(330, 352), (364, 352)], backward())
    .text(
        (372, 352),
        "backward: gradients, within a chunk only",
        14,
        Anchor::Start,
        colour(1),
    )
    .label(
        (360, 372),
        "drawn with 3 steps a chunk; the model of this section reads 64",
        12,
    )
}

/// One step: its input character, its state (h, C) and its loss.
fn step(d: Diagram, k: i32) -> Diagram {
    let x = column(k);
    let half = NODE.1 / 2;
    let t = k + 1;
    d.node((x, ROW_L), NODE, &format!("$L_{t}$"), OUTPUT)
        .node((x, ROW_S), NODE, &format!("$h_{t},C_{t}$"), STATE)
        .node((x, ROW_X), NODE, &format!("$x_{t}$"), INPUT)
        .arrow_with(&[(x, ROW_X - half), (x, ROW_S + half)], forward())
        .arrow_with(&[(x - 7, ROW_S - half), (x - 7, ROW_L + half)], forward())
        .arrow_with(&[(x + 7, ROW_L + half), (x + 7, ROW_S - half)], backward())
}

/// The state from step k−1 into step k; the gradient goes back only
/// inside a chunk.
fn link(d: Diagram, k: i32) -> Diagram {
    let (from, to) = (column(k - 1) + NODE.0 / 2, column(k) - NODE.0 / 2);
    let d = d.arrow_with(&[(from, ROW_S - 7), (to, ROW_S - 7)], forward());
    if k % CHUNK == 0 {
        return d;
    }
    d.arrow_with(&[(to, ROW_S + 7), (from, ROW_S + 7)], backward())
}

/// Write the diagram into `dir`.
pub fn write_diagram(dir: &Path) -> Result<PathBuf, FigureError> {
    let path = dir.join("char-lm-truncated-bptt.svg");
    truncated_bptt().save_svg(&path)?;
    Ok(path)
}
