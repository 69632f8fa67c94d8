//! Dropout in a recurrent layer, unrolled over three steps: on the left a
//! fresh mask at every step, on the right one mask per sequence
//! (variational dropout): the same m_x on every input and the same m_h on
//! every state the next step reads.

use figures::{Diagram, Point, Stroke};

const BOX: (i32, i32) = (56, 34);
const INPUT: usize = 0;
const STATE: usize = 2;
/// Rows, top to bottom: states, the masks on the inputs, inputs.
const ROWS: [i32; 3] = [110, 205, 290];

/// One panel: h_0 … h_3 in a row, x_1 … x_3 below; each arrow passes
/// through a ⊙ mask whose label `mask(kind, t)` gives.
fn panel(
    mut d: Diagram,
    title: &str,
    left: i32,
    mask: impl Fn(&str, usize) -> String,
) -> Diagram {
    d = d.label((left + 185, 40), title, 16);
    let xs: Vec<i32> = (0..4).map(|t| left + 20 + 110 * t).collect();
    d = d.node((xs[0], ROWS[0]), (44, 34), "$h_0$", STATE);
    for t in 1..4 {
        let x = xs[t];
        let input: Point = (x, ROWS[2]);
        let state: Point = (x, ROWS[0]);
        let op_x: Point = (x, ROWS[1]);
        let op_h: Point = ((xs[t - 1] + x) / 2, ROWS[0]);
        d = d
            .node(input, BOX, &format!("$x_{t}$"), INPUT)
            .node(state, (44, 34), &format!("$h_{t}$"), STATE)
            .op(op_x, "⊙")
            .label((x - 36, ROWS[1]), &mask("x", t), 13)
            .arrow((x, input.1 - BOX.1 / 2), (x, op_x.1 + 12))
            .arrow((x, op_x.1 - 12), (x, state.1 + BOX.1 / 2))
            .op(op_h, "⊙")
            .label((op_h.0, ROWS[0] - 26), &mask("h", t), 13)
            .line(
                &[(xs[t - 1] + 24, ROWS[0]), (op_h.0 - 12, ROWS[0])],
                Stroke::PLAIN,
            )
            .arrow((op_h.0 + 12, ROWS[0]), (x - BOX.0 / 2, ROWS[0]));
    }
    d
}

/// Both panels, side by side.
pub fn diagram() -> Diagram {
    let d = Diagram::new(800, 380)
        .label(
            (400, 340),
            "⊙: multiply by a mask of 0s and 1/(1 − p)s; a state is masked only where",
            13,
        )
        .label(
            (400, 358),
            "the next step's gates read it (for an LSTM, h; the cell state C passes unmasked)",
            13,
        );
    let d = panel(d, "A fresh mask at every step", 10, |kind, t| {
        format!("$m_{{{kind},{t}}}$")
    });
    panel(d, "One mask per sequence", 420, |kind, _| {
        format!("$m_{kind}$")
    })
}
