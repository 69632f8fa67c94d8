//! Backpropagation through time for the LSTM, drawn over three steps: the
//! forward arrows in grey, and each backward arrow in the colour of the
//! term it carries in the equations for h̄_t, γ_t and C̄_t of the page.

use figures::{Anchor, Diagram, GREY, Ink, Stroke, colour};

const STATE: usize = 2;
const INPUT: usize = 0;
const OUTPUT: usize = 1;
const NODE: (i32, i32) = (64, 36);
const ROW_L: i32 = 70;
const ROW_H: i32 = 165;
const ROW_C: i32 = 285;
const ROW_X: i32 = 370;

/// The x position of step `k` (0, 1, 2 for t−1, t, t+1).
fn column(k: i32) -> i32 {
    150 + 215 * k
}

fn forward() -> Stroke {
    Ink::GREY.line
}
fn direct() -> Stroke {
    Stroke::coloured(3).width(2.5).dashed()
}
fn into_c() -> Stroke {
    Stroke::coloured(2).width(2.5).dashed()
}
fn along_c() -> Stroke {
    Stroke::coloured(1).width(4.0).dashed()
}
fn gates() -> Stroke {
    Stroke::coloured(0).width(2.5).dashed()
}

/// Three steps of the LSTM unrolled, with the gradients' flow.
pub fn bptt() -> Diagram {
    let mut d =
        Diagram::new(720, 590).label((360, 20), "Backpropagation through time, LSTM", 20);
    for (k, t) in ["t-1", "t", "t+1"].iter().enumerate() {
        d = column_nodes(d, k as i32, t);
    }
    for k in 0..=3 {
        d = links_into(d, k);
    }
    legend(labels(d))
}

/// The nodes of one step and the arrows inside it.
fn column_nodes(d: Diagram, k: i32, t: &str) -> Diagram {
    let x = column(k);
    let half = NODE.1 / 2;
    d.node((x, ROW_L), NODE, &format!("$L_{{{t}}}$"), OUTPUT)
        .node((x, ROW_H), NODE, &format!("$h_{{{t}}}$"), STATE)
        .node((x, ROW_C), NODE, &format!("$C_{{{t}}}$"), STATE)
        .node((x, ROW_X), NODE, &format!("$x_{{{t}}}$"), INPUT)
        // Forward on the right, backward on the left, beside the labels.
        .arrow_with(&[(x + 8, ROW_H - half), (x + 8, ROW_L + half)], forward())
        .arrow_with(&[(x - 8, ROW_L + half), (x - 8, ROW_H - half)], direct())
        .arrow_with(&[(x + 8, ROW_C - half), (x + 8, ROW_H + half)], forward())
        .arrow_with(&[(x - 8, ROW_H + half), (x - 8, ROW_C - half)], into_c())
        .arrow_with(&[(x, ROW_X - half), (x, ROW_C + half)], forward())
}

/// The arrows from step k−1 into step k: along each row, and from h_{k-1}
/// up-and-down into C_k (through the gates i, f, C̃). k = 0 comes from the
/// left edge and k = 3 goes to the right edge.
fn links_into(d: Diagram, k: i32) -> Diagram {
    let from = if k == 0 {
        30
    } else {
        column(k - 1) + NODE.0 / 2
    };
    let to = if k == 3 { 700 } else { column(k) - NODE.0 / 2 };
    let d = d
        .arrow_with(&[(from, ROW_H - 8), (to, ROW_H - 8)], forward())
        .arrow_with(&[(to, ROW_H + 8), (from, ROW_H + 8)], gates())
        .arrow_with(&[(from, ROW_C - 8), (to, ROW_C - 8)], forward())
        .arrow_with(&[(to, ROW_C + 8), (from, ROW_C + 8)], along_c());
    // h_{k-1} feeds the gates i, f, C̃ of step k, which write C_k: from the
    // corner of one box to the corner of the other, and back beside it.
    let (a, b) = ((from, ROW_H + NODE.1 / 2), (to, ROW_C - NODE.1 / 2));
    let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
    let length = (dx * dx + dy * dy).sqrt();
    let side = |p: (i32, i32)| {
        (
            p.0 + (dy / length * 9.0).round() as i32,
            p.1 - (dx / length * 9.0).round() as i32,
        )
    };
    d.arrow_with(&[a, b], forward())
        .arrow_with(&[side(b), side(a)], gates())
}

/// The short terms on the arrows into step t's states; the long ones are
/// in the legend.
fn labels(d: Diagram) -> Diagram {
    let (t, next) = (column(1), column(2));
    let mid = (t + next) / 2;
    d.text(
        (t - 16, (ROW_L + ROW_H) / 2),
        "$\u{3b4}_t$",
        17,
        Anchor::End,
        colour(3),
    )
    .text(
        (mid, ROW_H + 28),
        "$W_{ho}^T a\u{304}^o_{t+1}$",
        16,
        Anchor::Middle,
        colour(0),
    )
    .text(
        (mid, ROW_C + 32),
        "$\u{3b3}_t$",
        17,
        Anchor::Middle,
        colour(1),
    )
}

fn legend(d: Diagram) -> Diagram {
    let d = d.key(
        (40, 420),
        direct(),
        "$\u{3b4}_t$: straight from the loss",
        colour(3),
    );
    let d = d.key((40, 446),
        gates(),
        "through the gates of step $t+1$: $W_{ho}^T a\u{304}^o_{t+1}$ along the row of $h$,",
        colour(0),
    )
    .text(
        (82, 468),
        "and $\u{2211}_{g=i,f,c} W_{hg}^T a\u{304}^g_{t+1}$ on the diagonal",
        14,
        Anchor::Start,
        colour(0),
    );
    let d = d.key(
        (40, 494),
        along_c(),
        "$\u{3b3}_t = C\u{304}_{t+1} \u{2299} f_{t+1}$: along the cell state",
        colour(1),
    );
    let d = d.key(
        (40, 520),
        into_c(),
        "$h\u{304}_t \u{2299} o_t \u{2299} (1 -$ tanh$^2C_t)$: from $h_t$ into $C_t$",
        colour(2),
    );
    d.key((40, 546), forward(), "the forward pass", GREY).label(
        (360, 574),
        "$h\u{304}_t$ is the sum of the arrows into $h_t$, $C\u{304}_t$ the sum of those into $C_t$",
        14,
    )
}
