//! The LSTM cell drawn: one step forward, each part tagged with the
//! equation (L1 to L6) of the page that it computes, and the same cell with
//! the gradient's paths back through it: along the cell state, multiplied
//! only by f_t, and through the gates.

use figures::{Anchor, Diagram, GREY, Ink, Point, Stroke, colour};

const STATE: usize = 2;
const INPUT: usize = 0;
const GATE: usize = 4;
const NODE: (i32, i32) = (66, 36);
const GATE_BOX: (i32, i32) = (56, 34);

/// The cell state's row (the highway), the gates' row, the row of h_{t-1}.
const Y_C: i32 = 110;
const Y_G: i32 = 250;
const Y_H: i32 = 330;
/// The columns of the forget, input, candidate and output gates.
const X_F: i32 = 220;
const X_I: i32 = 310;
const X_N: i32 = 400;
const X_O: i32 = 490;
/// The column of tanh(C_t) and of the output product.
const X_OUT: i32 = 580;
/// The row of the input product i_t ⊙ C̃_t and of tanh(C_t).
const Y_MID: i32 = 180;
const R: i32 = figures::OP_RADIUS;

/// One step of the LSTM, tagged with the page's equations.
pub fn cell() -> Diagram {
    let ink = Ink::BLACK;
    let d = Diagram::new(720, 430).label((360, 22), "One step of the LSTM", 20);
    let d = forward_graph(d, ink);
    tags(d).label(
        (410, 418),
        "each σ or tanh box: its own $W_{x\u{b7}}x_t + W_{h\u{b7}}h_{t-1} + b_{\u{b7}}$, then the function",
        13,
    )
}

/// The gates' boxes, the operators and the forward arrows, drawn with `ink`.
fn forward_graph(d: Diagram, ink: Ink) -> Diagram {
    let d = d
        .panel((110, 70), (520, 290), STATE)
        .node((60, Y_C), NODE, "$C_{t-1}$", STATE)
        .node((60, Y_H), NODE, "$h_{t-1}$", STATE)
        .node((140, 392), (54, 30), "$x_t$", INPUT)
        .node((670, Y_C), NODE, "$C_t$", STATE)
        .node((670, Y_H), NODE, "$h_t$", STATE);
    let d = highway(d, ink);
    let d = gates(d, ink);
    output(d, ink)
}

/// C_{t-1} → × f_t → + i_t ⊙ C̃_t → C_t, the cell state's straight road.
fn highway(d: Diagram, ink: Ink) -> Diagram {
    d.line(&[(93, Y_C), (X_F - R, Y_C)], ink.highway)
        .op((X_F, Y_C), "×")
        .line(&[(X_F + R, Y_C), (X_N - R, Y_C)], ink.highway)
        .op((X_N, Y_C), "+")
        .arrow_with(&[(X_N + R, Y_C), (637, Y_C)], ink.highway)
        .dot((X_OUT, Y_C), ink.line)
}

/// h_{t-1} and x_t into the four gate boxes, and the gates to where they act.
fn gates(d: Diagram, ink: Ink) -> Diagram {
    let mut d = d
        .line(&[(93, Y_H), (X_O, Y_H)], ink.line)
        .line(&[(140, 377), (140, Y_H)], ink.line)
        .dot((140, Y_H), ink.line);
    for (x, f) in [(X_F, "σ"), (X_I, "σ"), (X_N, "tanh"), (X_O, "σ")] {
        d = d
            .dot((x, Y_H), ink.line)
            .arrow_with(&[(x, Y_H), (x, Y_G + GATE_BOX.1 / 2)], ink.line)
            .node((x, Y_G), GATE_BOX, f, GATE);
    }
    let top = Y_G - GATE_BOX.1 / 2;
    d.arrow_with(&[(X_F, top), (X_F, Y_C + R)], ink.line)
        .text((X_F + 8, Y_MID), "$f_t$", 18, Anchor::Start, ink.text)
        .arrow_with(&[(X_I, top), (X_I, Y_MID), (X_N - R, Y_MID)], ink.line)
        .text((X_I - 8, Y_MID + 30), "$i_t$", 18, Anchor::End, ink.text)
        .arrow_with(&[(X_N, top), (X_N, Y_MID + R)], ink.line)
        .text(
            (X_N + 8, Y_MID + 36),
            "$C\u{303}_t$",
            18,
            Anchor::Start,
            ink.text,
        )
        .op((X_N, Y_MID), "×")
        .arrow_with(&[(X_N, Y_MID - R), (X_N, Y_C + R)], ink.line)
}

/// tanh(C_t), the output gate, and h_t.
fn output(d: Diagram, ink: Ink) -> Diagram {
    d.arrow_with(&[(X_OUT, Y_C), (X_OUT, Y_MID - R)], ink.line)
        .op((X_OUT, Y_MID), "tanh")
        .arrow_with(&[(X_OUT, Y_MID + R), (X_OUT, Y_G - R)], ink.line)
        .arrow_with(&[(X_O + GATE_BOX.0 / 2, Y_G), (X_OUT - R, Y_G)], ink.line)
        .text((X_O + 36, Y_G - 14), "$o_t$", 18, Anchor::Start, ink.text)
        .op((X_OUT, Y_G), "×")
        .arrow_with(&[(X_OUT, Y_G + R), (X_OUT, Y_H), (637, Y_H)], ink.line)
}

/// Which equation each part computes, in grey beside it.
fn tags(d: Diagram) -> Diagram {
    let tag =
        |d: Diagram, at: Point, text: &str| d.text(at, text, 13, Anchor::Middle, GREY);
    let below = Y_G + 32;
    let d = tag(d, (X_I - 22, below), "(L1)");
    let d = tag(d, (X_F - 22, below), "(L2)");
    let d = tag(d, (X_O - 22, below), "(L3)");
    let d = tag(d, (X_N - 22, below), "(L4)");
    let d = tag(d, (X_N + 36, Y_C - 24), "(L5)");
    tag(d, (X_OUT + 40, Y_G - 20), "(L6)")
}

/// The backward strokes: along the cell state, from h_t into the cell
/// state, and through the gates.
fn along_c() -> Stroke {
    Stroke::coloured(1).width(4.0).dashed()
}
fn from_h() -> Stroke {
    Stroke::coloured(2).width(2.5).dashed()
}
fn through_gates() -> Stroke {
    Stroke::coloured(0).width(2.5).dashed()
}

/// The cell in grey, and the gradient's three kinds of path back through it.
pub fn gradient_paths() -> Diagram {
    let ink = Ink::GREY;
    let d = Diagram::new(720, 470).label(
        (360, 22),
        "The gradient's paths back through one LSTM step",
        20,
    );
    let d = forward_graph(d, ink);
    let d = backward_paths(d);
    gradient_legend(d)
}

fn backward_paths(d: Diagram) -> Diagram {
    let (c, h) = (Y_C + 9, Y_H + 9);
    d
        // Along the cell state: only the product with f_t on the way.
        .arrow_with(&[(637, c), (X_F + R, c)], along_c())
        .arrow_with(&[(X_F - R, c), (93, c)], along_c())
        .text(
            (150, Y_C + 30),
            "$\u{3b3}_{t-1} = C\u{304}_t \u{2299} f_t$",
            17,
            Anchor::Middle,
            colour(1),
        )
        // From h_t through the output product and tanh into C̄_t.
        .arrow_with(&[(637, h), (X_OUT + 9, h), (X_OUT + 9, Y_G + R)], from_h())
        .arrow_with(&[(X_OUT + 9, Y_G - R), (X_OUT + 9, Y_MID + R)], from_h())
        .arrow_with(&[(X_OUT + 9, Y_MID - R), (X_OUT + 9, c + 2)], from_h())
        .text(
            (560, 56),
            "$h\u{304}_t \u{2299} o_t \u{2299} (1 -$ tanh$^2C_t)$",
            15,
            Anchor::Middle,
            colour(2),
        )
        // Through the gates: from where each acts, down its box, to h_{t-1}.
        .arrow_with(&[(X_F - 9, Y_C + R), (X_F - 9, Y_G - 17)], through_gates())
        .arrow_with(&[(X_N - 9, Y_C + R), (X_N - 9, Y_MID - R)], through_gates())
        .arrow_with(
            &[(X_N - 9, Y_MID + R), (X_N - 9, Y_G - 17)],
            through_gates(),
        )
        .arrow_with(
            &[
                (X_N - R, Y_MID + 9),
                (X_I + 9, Y_MID + 9),
                (X_I + 9, Y_G - 17),
            ],
            through_gates(),
        )
        .arrow_with(
            &[(X_OUT - R, Y_G + 9), (X_O + 28, Y_G + 9)],
            through_gates(),
        )
        .arrow_with(
            &[(X_O - 9, Y_G + 17), (X_O - 9, h), (93, h)],
            through_gates(),
        )
        .line(&[(X_F - 9, Y_G + 17), (X_F - 9, h)], through_gates())
        .line(&[(X_I - 9, Y_G + 17), (X_I - 9, h)], through_gates())
        .line(&[(X_N - 9, Y_G + 17), (X_N - 9, h)], through_gates())
        .arrow_with(&[(149, h), (149, 377)], through_gates())
        .text(
            (300, Y_H + 22),
            "$\u{2211}_g W_{hg}^T a\u{304}^g_t$ to $h_{t-1}$",
            17,
            Anchor::Middle,
            colour(0),
        )
}

fn gradient_legend(d: Diagram) -> Diagram {
    let d = d.key(
        (40, 428),
        along_c(),
        "along the cell state: times $f_t$ only",
        colour(1),
    );
    let d = d.key(
        (400, 428),
        from_h(),
        "from $h_t$ into the cell state",
        colour(2),
    );
    let d = d.key(
        (40, 454),
        through_gates(),
        "through the gates: weights and σ′, tanh′",
        colour(0),
    );
    d.key(
        (400, 454),
        Stroke {
            colour: GREY,
            ..Stroke::PLAIN
        }
        .width(1.5),
        "the forward pass",
        GREY,
    )
}
