//! The recurrent layer, folded (one cell with a loop) and unrolled in time
//! (one copy per step, all sharing W_xh, W_hh, W_hy).

use figures::{Diagram, Point};

const BOX: (i32, i32) = (54, 38);
const INPUT: usize = 0;
const STATE: usize = 2;
const OUTPUT: usize = 1;

/// Row heights: outputs, states, inputs.
const Y_OUT: i32 = 70;
const Y_STATE: i32 = 170;
const Y_IN: i32 = 270;

fn above(p: Point) -> Point {
    (p.0, p.1 - BOX.1 / 2)
}

fn below(p: Point) -> Point {
    (p.0, p.1 + BOX.1 / 2)
}

/// The folded cell on the left, "=", and four unrolled steps on the right.
pub fn diagram() -> Diagram {
    let mut d = Diagram::new(720, 330).label(
        (360, 20),
        "A recurrent layer, folded and unrolled in time",
        20,
    );
    // Folded: one cell whose state loops back into itself.
    let cell = (80, Y_STATE);
    d = d
        .node((80, Y_IN), BOX, "$x_t$", INPUT)
        .node(cell, BOX, "$h_t$", STATE)
        .node((80, Y_OUT), BOX, "$y_t$", OUTPUT)
        .arrow(above((80, Y_IN)), below(cell))
        .arrow(above(cell), below((80, Y_OUT)))
        .path_arrow(
            &[
                (cell.0 + BOX.0 / 2, cell.1 - 8),
                (cell.0 + 60, cell.1 - 8),
                (cell.0 + 60, cell.1 + 36),
                (cell.0 + 10, cell.1 + 36),
                (cell.0 + 10, cell.1 + BOX.1 / 2),
            ],
            true,
        )
        .label((cell.0 + 84, cell.1 + 14), "$W_{hh}$", 14)
        .label((190, Y_STATE), "=", 34);
    // Unrolled: h_0, then one copy of the cell per step.
    let xs = [250, 360, 470, 580, 690];
    d = d.node((xs[0], Y_STATE), BOX, "$h_0$", STATE);
    for t in 1..xs.len() {
        let (x, prev) = (xs[t], xs[t - 1]);
        d = d
            .node((x, Y_IN), BOX, &format!("$x_{t}$"), INPUT)
            .node((x, Y_STATE), BOX, &format!("$h_{t}$"), STATE)
            .node((x, Y_OUT), BOX, &format!("$y_{t}$"), OUTPUT)
            .arrow(above((x, Y_IN)), below((x, Y_STATE)))
            .arrow(above((x, Y_STATE)), below((x, Y_OUT)))
            .arrow((prev + BOX.0 / 2, Y_STATE), (x - BOX.0 / 2, Y_STATE))
            .label(((prev + x) / 2, Y_STATE - 14), "$W_{hh}$", 13);
    }
    d.label((xs[1] + 24, (Y_IN + Y_STATE) / 2), "$W_{xh}$", 13)
        .label((xs[1] + 24, (Y_OUT + Y_STATE) / 2), "$W_{hy}$", 13)
        .label(
            (400, 315),
            "the same $W_{xh}$, $W_{hh}$, $W_{hy}$ at every step; $h_0$ is set anew for every sequence",
            14,
        )
}
