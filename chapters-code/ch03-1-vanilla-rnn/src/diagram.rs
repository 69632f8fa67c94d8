//! The vanilla cell drawn: one step forward (equations V1 and V2 of the
//! page), and backpropagation through time over three steps, each backward
//! arrow coloured like the term of the backward equation it carries.

use figures::{Anchor, Diagram, GREY, Ink, Stroke, colour};

const STATE: usize = 2;
const INPUT: usize = 0;
const OUTPUT: usize = 1;
const WEIGHTS: usize = 3;
const NODE: (i32, i32) = (64, 36);

/// One step: `h_{t-1}` and `x_t` through the affine map and tanh to `h_t`
/// (V1), and the output layer on top of `h_t` (V2).
pub fn cell() -> Diagram {
    let y = 190;
    let plus = (330, y);
    let tanh = (440, y);
    Diagram::new(720, 340)
        .label((290, 22), "One step of the vanilla layer", 20)
        .panel((140, 140), (440, 160), STATE)
        .text((152, 288), "VanillaRnn: step", 13, Anchor::Start, GREY)
        .node((70, y), NODE, "$h_{t-1}$", STATE)
        .node((215, y), (60, 34), "$W_{hh}$", WEIGHTS)
        .node((330, 318), NODE, "$x_t$", INPUT)
        .node((330, 252), (60, 34), "$W_{xh}$", WEIGHTS)
        .label((330, 152), "$b_h$", 17)
        .arrow((102, y), (185, y))
        .arrow((245, y), (plus.0 - 16, y))
        .arrow((330, 300), (330, 269))
        .arrow((330, 235), (330, y + 16))
        .arrow((330, 164), (330, y - 16))
        .op(plus, "+")
        .label((385, y - 14), "$a_t$", 17)
        .arrow((plus.0 + 16, y), (tanh.0 - 16, y))
        .op(tanh, "tanh")
        .text((tanh.0, y + 32), "(V1)", 14, Anchor::Middle, GREY)
        .arrow((tanh.0 + 16, y), (618, y))
        .node((650, y), NODE, "$h_t$", STATE)
        .label((650, y + 32), "to step $t+1$", 13)
        .dot((520, y), Stroke::PLAIN)
        .arrow((520, y), (520, 113))
        .node((520, 96), (104, 34), "$W_{hy}h_t + b_y$", WEIGHTS)
        .text((584, 96), "(V2)", 14, Anchor::Start, GREY)
        .text((584, 116), "Dense", 13, Anchor::Start, GREY)
        .arrow((520, 79), (520, 62))
        .node((520, 44), NODE, "$y_t$", OUTPUT)
}

/// The x position of step `k` (0, 1, 2 for t−1, t, t+1).
fn column(k: i32) -> i32 {
    170 + 200 * k
}

const ROW_L: i32 = 70;
const ROW_Y: i32 = 155;
const ROW_H: i32 = 255;
const ROW_X: i32 = 350;

/// Backward strokes, one colour per term of the equation for h̄_t.
fn through_y() -> Stroke {
    Stroke::coloured(1).width(2.5).dashed()
}
fn direct() -> Stroke {
    Stroke::coloured(3).width(2.5).dashed()
}
fn through_next() -> Stroke {
    Stroke::coloured(0).width(2.5).dashed()
}
fn to_input() -> Stroke {
    Stroke::coloured(2).width(2.5).dashed()
}

fn forward() -> Stroke {
    Ink::GREY.line
}

/// Backpropagation through time over steps t−1, t, t+1: grey forward
/// arrows, and beside each a dashed backward arrow in the colour of the
/// term of h̄_t = δʰ_t + W_hyᵀ δʸ_t + W_hhᵀ ā_{t+1} that it carries.
pub fn bptt() -> Diagram {
    let mut d = Diagram::new(720, 476).label(
        (360, 20),
        "Backpropagation through time, vanilla layer",
        20,
    );
    let names = ["t-1", "t", "t+1"];
    for (k, name) in names.iter().enumerate() {
        d = step_column(d, k as i32, name, k == 1);
    }
    for k in 0..3 {
        d = recurrent_link(d, k);
    }
    legend(d)
}

fn step_column(d: Diagram, k: i32, t: &str, labelled: bool) -> Diagram {
    let x = column(k);
    let half = NODE.1 / 2;
    let d = d
        .node((x, ROW_L), NODE, &format!("$L_{{{t}}}$"), OUTPUT)
        .node((x, ROW_Y), NODE, &format!("$y_{{{t}}}$"), OUTPUT)
        .node((x, ROW_H), NODE, &format!("$h_{{{t}}}$"), STATE)
        .node((x, ROW_X), NODE, &format!("$x_{{{t}}}$"), INPUT)
        // Forward on the right of each column, backward on the left,
        // beside the middle column's labels.
        .arrow_with(&[(x + 8, ROW_X - half), (x + 8, ROW_H + half)], forward())
        .arrow_with(&[(x + 8, ROW_H - half), (x + 8, ROW_Y + half)], forward())
        .arrow_with(&[(x + 8, ROW_Y - half), (x + 8, ROW_L + half)], forward())
        .arrow_with(&direct_forward(x), forward())
        .arrow_with(&[(x - 8, ROW_L + half), (x - 8, ROW_Y - half)], through_y())
        .arrow_with(&[(x - 8, ROW_Y + half), (x - 8, ROW_H - half)], through_y())
        .arrow_with(&direct_backward(x), direct())
        .arrow_with(&[(x - 8, ROW_H + half), (x - 8, ROW_X - half)], to_input());
    if !labelled {
        return d;
    }
    let c = |i| colour(i);
    d.text(
        (x - 16, (ROW_L + ROW_Y) / 2),
        "$\u{3b4}^y_t$",
        16,
        Anchor::End,
        c(1),
    )
    .text(
        (x - 16, (ROW_Y + ROW_H) / 2),
        "$W_{hy}^T\u{3b4}^y_t$",
        16,
        Anchor::End,
        c(1),
    )
    .text(
        (x + 52, (ROW_Y + ROW_H) / 2 - 8),
        "$\u{3b4}^h_t$",
        16,
        Anchor::Start,
        c(3),
    )
    .text(
        (x - 16, (ROW_H + ROW_X) / 2 + 4),
        "$W_{xh}^T\u{101}_t$",
        16,
        Anchor::End,
        c(2),
    )
}

/// h_t straight to L_t, around y_t: up from the top of h_t, so that it
/// crosses none of the row's arrows.
fn direct_forward(x: i32) -> [figures::Point; 5] {
    let top = ROW_H - NODE.1 / 2;
    [
        (x + 24, top),
        (x + 24, top - 12),
        (x + 56, top - 12),
        (x + 56, ROW_L),
        (x + 32, ROW_L),
    ]
}

/// L_t straight back to h_t, inside [`direct_forward`].
fn direct_backward(x: i32) -> [figures::Point; 5] {
    let top = ROW_H - NODE.1 / 2;
    [
        (x + 32, ROW_L + 10),
        (x + 46, ROW_L + 10),
        (x + 46, top - 22),
        (x + 18, top - 22),
        (x + 18, top),
    ]
}

/// The recurrence into step k from step k−1 (from the left edge for k = 0;
/// the last step also links out to the right edge).
fn recurrent_link(d: Diagram, k: i32) -> Diagram {
    let to = column(k) - NODE.0 / 2;
    let from = if k == 0 {
        40
    } else {
        column(k - 1) + NODE.0 / 2
    };
    let d = d
        .arrow_with(&[(from, ROW_H - 8), (to, ROW_H - 8)], forward())
        .arrow_with(&[(to, ROW_H + 8), (from, ROW_H + 8)], through_next());
    let d = if k == 0 {
        d.label((24, ROW_H), "…", 18)
    } else {
        d
    };
    if k < 2 {
        return d;
    }
    let end = column(2) + NODE.0 / 2;
    let d = d
        .arrow_with(&[(end, ROW_H - 8), (end + 90, ROW_H - 8)], forward())
        .arrow_with(&[(end + 90, ROW_H + 8), (end, ROW_H + 8)], through_next())
        .label((end + 104, ROW_H), "…", 18);
    // The arrow from step t+1 back into step t carries the third term.
    let x = (column(1) + column(2)) / 2;
    d.text(
        (x, ROW_H + 30),
        "$W_{hh}^T\u{101}_{t+1}$",
        16,
        Anchor::Middle,
        colour(0),
    )
}

fn legend(d: Diagram) -> Diagram {
    let d = d.key((60, 405), forward(), "forward", GREY);
    let d = d.key((200, 405), through_y(), "through $y_t$", colour(1));
    let d = d.key((380, 405), direct(), "straight from the loss", colour(3));
    let d = d.key((200, 432), through_next(), "through step $t+1$", colour(0));
    let d = d.key((380, 432), to_input(), "to the input $x_t$", colour(2));
    d.label(
        (360, 460),
        "dashed: gradients, flowing against the arrows of the forward pass",
        13,
    )
}
