//! Two ways to build on the recurrent layer, unrolled over three steps:
//! a stack of two layers (each reads the states of the one below), and a
//! bidirectional layer (one layer reads from the start, one from the end,
//! and each output holds both states).

use figures::{Diagram, Point, Stroke};

const BOX: (i32, i32) = (56, 34);
const INPUT: usize = 0;
const OUTPUT: usize = 1;
const STATE: usize = 2;
const BACKWARD: usize = 3;

/// Rows, top to bottom: outputs, upper states, lower states, inputs.
const ROWS: [i32; 4] = [80, 165, 250, 335];

fn top(p: Point) -> Point {
    (p.0, p.1 - BOX.1 / 2)
}

fn bottom(p: Point) -> Point {
    (p.0, p.1 + BOX.1 / 2)
}

/// The stack on the left: x_t → h^(1)_t → h^(2)_t, each row recurrent to the
/// right; the model reads the top row.
fn stacked(mut d: Diagram, xs: [i32; 3]) -> Diagram {
    d = d.label((xs[1], 40), "Stacked: two layers", 16);
    for (t, &x) in xs.iter().enumerate() {
        let t = t + 1;
        let cells = [
            ((x, ROWS[3]), format!("$x_{t}$"), INPUT),
            ((x, ROWS[2]), format!("$h_{t}^{{(1)}}$"), STATE),
            ((x, ROWS[1]), format!("$h_{t}^{{(2)}}$"), STATE),
        ];
        for (centre, label, colour) in &cells {
            d = d.node(*centre, BOX, label, *colour);
        }
        for pair in cells.windows(2) {
            d = d.arrow(top(pair[0].0), bottom(pair[1].0));
        }
    }
    for row in [ROWS[1], ROWS[2]] {
        for pair in xs.windows(2) {
            d = d.arrow((pair[0] + BOX.0 / 2, row), (pair[1] - BOX.0 / 2, row));
        }
    }
    d
}

/// The bidirectional layer on the right: →h runs to the right, ←h to the
/// left, both read x_t, and y_t = [→h_t ; ←h_t].
fn bidirectional(mut d: Diagram, xs: [i32; 3]) -> Diagram {
    d = d.label((xs[1], 40), "Bidirectional: both ways", 16);
    let back = Stroke::coloured(BACKWARD).width(1.6);
    for (t, &x) in xs.iter().enumerate() {
        let t = t + 1;
        let (input, fwd, bwd, out) = (
            (x, ROWS[3]),
            (x - 34, ROWS[2]),
            (x + 34, ROWS[1]),
            (x, ROWS[0]),
        );
        d = d
            .node(input, BOX, &format!("$x_{t}$"), INPUT)
            .node(fwd, (48, 30), &format!("$→h_{t}$"), STATE)
            .node(bwd, (48, 30), &format!("$←h_{t}$"), BACKWARD)
            .node(out, (88, 34), &format!("$[→h_{t};←h_{t}]$"), OUTPUT)
            .arrow((input.0 - 10, input.1 - BOX.1 / 2), (fwd.0, fwd.1 + 15))
            .arrow_with(
                &[(input.0 + 10, input.1 - BOX.1 / 2), (bwd.0, bwd.1 + 15)],
                back,
            )
            .arrow((fwd.0, fwd.1 - 15), (out.0 - 20, out.1 + BOX.1 / 2))
            .arrow_with(
                &[(bwd.0, bwd.1 - 15), (out.0 + 20, out.1 + BOX.1 / 2)],
                back,
            );
    }
    for pair in xs.windows(2) {
        d = d
            .arrow((pair[0] - 34 + 24, ROWS[2]), (pair[1] - 34 - 24, ROWS[2]))
            .arrow_with(
                &[(pair[1] + 34 - 24, ROWS[1]), (pair[0] + 34 + 24, ROWS[1])],
                back,
            );
    }
    d
}

/// Both, side by side.
pub fn diagram() -> Diagram {
    let d = Diagram::new(800, 420)
        .label(
            (400, 388),
            "each arrow between steps carries a layer's own weights, the same at every step;",
            13,
        )
        .label(
            (400, 406),
            "in the bidirectional layer the two rows of states do not feed each other",
            13,
        );
    let d = stacked(d, [60, 175, 290]);
    bidirectional(d, [470, 595, 720])
}
