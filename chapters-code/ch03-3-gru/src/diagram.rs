//! The GRU cell drawn in both forms, each part tagged with the equation
//! (G1 to G4) of the page that it computes. The two drawings differ in one
//! place only: on the candidate's row, the reset gate's product comes before
//! the recurrent matrix (the article's form) or after it (PyTorch's).

use figures::{Anchor, Diagram, GREY, Ink, Point, Stroke};

use crate::GruForm;

const STATE: usize = 2;
const INPUT: usize = 0;
const GATE: usize = 4;
const WEIGHTS: usize = 3;
const NODE: (i32, i32) = (66, 36);
const GATE_BOX: (i32, i32) = (56, 34);
const R: i32 = figures::OP_RADIUS;

/// Rows: the state, the update gate's products, the candidate, the gates'
/// boxes, the line that feeds the gates.
const Y_A: i32 = 84;
const Y_Z: i32 = 168;
const Y_B: i32 = 230;
const Y_G: i32 = 310;
const Y_F: i32 = 380;
/// Columns: where h_{t-1} drops down, the two places whose order the forms
/// swap, the candidate's sum and tanh, the update gate, the output sum.
const X_DROP: i32 = 110;
const X_FIRST: i32 = 190;
const X_SECOND: i32 = 300;
const X_SUM: i32 = 390;
const X_TANH: i32 = 460;
const X_Z: i32 = 530;
const X_OUT: i32 = 600;

/// One step of the GRU in `form`.
pub fn cell(form: GruForm) -> Diagram {
    let title = match form {
        GruForm::ResetBefore => "A GRU step, reset before the product (the article's form)",
        GruForm::ResetAfter => "A GRU step, reset after the product (as PyTorch does)",
    };
    let d = Diagram::new(720, 470).label((360, 22), title, 18);
    let d = forward_graph(d, form, Ink::BLACK);
    tags(d, form)
}

/// The cell's parts and forward arrows, drawn with `ink`.
fn forward_graph(d: Diagram, form: GruForm, ink: Ink) -> Diagram {
    let d = d
        .panel((85, 55), (560, 345), STATE)
        .node((50, Y_A), NODE, "$h_{t-1}$", STATE)
        .node((675, Y_A), NODE, "$h_t$", STATE)
        .node((150, 440), (54, 30), "$x_t$", INPUT);
    let d = state_row(d, ink);
    let d = gates(d, form, ink);
    candidate(d, form, ink)
}

/// h_{t-1} → × (1 − z_t) → + z_t ⊙ h̃_t → h_t, and the update gate's products.
fn state_row(d: Diagram, ink: Ink) -> Diagram {
    let line = ink.line;
    d.line(&[(83, Y_A), (X_Z - R, Y_A)], ink.highway)
        .dot((X_DROP, Y_A), line)
        .op((X_Z, Y_A), "×")
        .line(&[(X_Z + R, Y_A), (X_OUT - R, Y_A)], ink.highway)
        .op((X_OUT, Y_A), "+")
        .arrow_with(&[(X_OUT + R, Y_A), (642, Y_A)], ink.highway)
        .op((X_Z, 128), "1−")
        .arrow_with(&[(X_Z, 112), (X_Z, Y_A + R)], line)
        .line(&[(X_Z, Y_Z), (X_Z, 144)], line)
        .arrow_with(&[(X_Z, Y_Z), (X_OUT - R, Y_Z)], line)
        .op((X_OUT, Y_Z), "×")
        .arrow_with(&[(X_OUT, Y_Z - R), (X_OUT, Y_A + R)], line)
        .text((565, Y_Z - 13), "$z_t$", 17, Anchor::Middle, ink.text)
}

/// The feed of h_{t-1} and x_t into the two gates' boxes, and their outputs.
fn gates(d: Diagram, form: GruForm, ink: Ink) -> Diagram {
    let line = ink.line;
    let x_r = reset_column(form);
    let top = Y_G - GATE_BOX.1 / 2;
    let d = d
        .line(&[(X_DROP, Y_A), (X_DROP, Y_F), (X_Z, Y_F)], line)
        .line(&[(150, 425), (150, Y_F)], line)
        .dot((150, Y_F), line);
    let d = [(x_r, "σ"), (X_Z, "σ")].into_iter().fold(d, |d, (x, f)| {
        d.dot((x, Y_F), line)
            .arrow_with(&[(x, Y_F), (x, Y_G + GATE_BOX.1 / 2)], line)
            .node((x, Y_G), GATE_BOX, f, GATE)
    });
    // z_t rises to its two products, passing over the candidate's row.
    d.line(&[(X_Z, top), (X_Z, Y_B + 7)], line)
        .line(&[(X_Z, Y_B - 7), (X_Z, Y_Z)], line)
        .dot((X_Z, Y_Z), line)
        .arrow_with(&[(x_r, top), (x_r, Y_B + R)], line)
        .text((x_r - 8, Y_B + 40), "$r_t$", 17, Anchor::End, ink.text)
}

/// The column of the reset gate's product in `form`.
fn reset_column(form: GruForm) -> i32 {
    match form {
        GruForm::ResetBefore => X_FIRST,
        GruForm::ResetAfter => X_SECOND,
    }
}

/// The candidate's row: h_{t-1} through the reset product and W_hn in the
/// order of `form`, plus W_xn x_t + b_n, through tanh, up to z_t ⊙ h̃_t.
fn candidate(d: Diagram, form: GruForm, ink: Ink) -> Diagram {
    let line = ink.line;
    let x_w = match form {
        GruForm::ResetBefore => X_SECOND,
        GruForm::ResetAfter => X_FIRST,
    };
    let w = match form {
        GruForm::ResetBefore => (84, 34),
        GruForm::ResetAfter => (116, 34),
    };
    let w_label = match form {
        GruForm::ResetBefore => "$W_{hn}$",
        GruForm::ResetAfter => "$W_{hn}h_{t-1} + b_{hn}$",
    };
    let (first_end, second_start) = match form {
        GruForm::ResetBefore => (X_FIRST - R, X_FIRST + R),
        GruForm::ResetAfter => (X_FIRST - w.0 / 2, X_FIRST + w.0 / 2),
    };
    let second_end = match form {
        GruForm::ResetBefore => X_SECOND - w.0 / 2,
        GruForm::ResetAfter => X_SECOND - R,
    };
    let after_second = match form {
        GruForm::ResetBefore => X_SECOND + w.0 / 2,
        GruForm::ResetAfter => X_SECOND + R,
    };
    d.dot((X_DROP, Y_B), line)
        .arrow_with(&[(X_DROP, Y_B), (first_end, Y_B)], line)
        .arrow_with(&[(second_start, Y_B), (second_end, Y_B)], line)
        .op((reset_column(form), Y_B), "×")
        .node((x_w, Y_B), w, w_label, WEIGHTS)
        .arrow_with(&[(after_second, Y_B), (X_SUM - R, Y_B)], line)
        .op((X_SUM, Y_B), "+")
        .node((X_SUM, 296), (104, 30), "$W_{xn}x_t + b_n$", WEIGHTS)
        .text((X_SUM, 340), "$x_t$", 16, Anchor::Middle, ink.text)
        .arrow_with(&[(X_SUM, 330), (X_SUM, 311)], line)
        .arrow_with(&[(X_SUM, 281), (X_SUM, Y_B + R)], line)
        .arrow_with(&[(X_SUM + R, Y_B), (X_TANH - R, Y_B)], line)
        .op((X_TANH, Y_B), "tanh")
        .arrow_with(&[(X_TANH + R, Y_B), (X_OUT, Y_B), (X_OUT, Y_Z + R)], line)
        .text(
            (X_OUT + 18, Y_B - 22),
            "$h\u{303}_t$",
            17,
            Anchor::Start,
            ink.text,
        )
}

/// Which equation each part computes, in grey beside it.
fn tags(d: Diagram, form: GruForm) -> Diagram {
    let tag =
        |d: Diagram, at: Point, text: &str| d.text(at, text, 13, Anchor::Middle, GREY);
    let x_r = reset_column(form);
    let d = tag(d, (X_Z + 56, Y_G - 9), "(G1)");
    let d = tag(d, (X_Z + 56, Y_G + 9), "update");
    let d = tag(d, (x_r - 48, Y_G - 9), "(G2)");
    let d = tag(d, (x_r - 48, Y_G + 9), "reset");
    // The candidate is (G3) in the article's form and (G5) in the other.
    let candidate = match form {
        GruForm::ResetBefore => "(G3)",
        GruForm::ResetAfter => "(G5)",
    };
    let d = tag(d, (X_TANH, Y_B + 30), candidate);
    let d = tag(d, (X_OUT + 36, Y_A + 24), "(G4)");
    d.text(
        (400, 448),
        "each σ box: its own $W_{x\u{b7}}x_t + W_{h\u{b7}}h_{t-1} + b_{\u{b7}}$, then σ",
        13,
        Anchor::Middle,
        GREY,
    )
}

fn direct() -> Stroke {
    Stroke::coloured(1).width(4.0).dashed()
}
fn through_candidate() -> Stroke {
    Stroke::coloured(2).width(2.5).dashed()
}
fn through_gates() -> Stroke {
    Stroke::coloured(0).width(2.5).dashed()
}

/// The article's form in grey, and the gradient's paths back through it:
/// straight along the state, through the candidate, through the gates.
pub fn gradient_paths() -> Diagram {
    let d = Diagram::new(720, 572).label(
        (360, 22),
        "The gradient's paths through one GRU step (article's form)",
        18,
    );
    let d = forward_graph(d, GruForm::ResetBefore, Ink::GREY);
    let d = along_the_state(d);
    let d = into_the_candidate(d);
    let d = into_the_gates(d);
    gradient_legend(d)
}

fn along_the_state(d: Diagram) -> Diagram {
    d.arrow_with(&[(642, Y_A + 9), (83, Y_A + 9)], direct())
}

/// From h_t down through z_t ⊙ h̃_t, tanh and W_hn to the reset product,
/// and on to h_{t-1}; a branch goes to W_xn and x_t.
fn into_the_candidate(d: Diagram) -> Diagram {
    let (y, w) = (Y_B + 9, 42);
    let s = through_candidate();
    d.arrow_with(&[(X_OUT + 9, Y_A + R), (X_OUT + 9, Y_Z - R)], s)
        .arrow_with(&[(X_OUT + 9, Y_Z + R), (X_OUT + 9, y), (X_TANH + R, y)], s)
        .arrow_with(&[(X_TANH - R, y), (X_SUM + R, y)], s)
        .arrow_with(&[(X_SUM - R, y), (X_SECOND + w, y)], s)
        .arrow_with(&[(X_SUM + 9, Y_B + R), (X_SUM + 9, 281)], s)
        .arrow_with(&[(X_SUM + 12, 311), (X_SUM + 12, 330)], s)
        .arrow_with(&[(X_SECOND - w, y), (X_FIRST + R, y)], s)
        .arrow_with(
            &[(X_FIRST - R, y), (X_DROP + 9, y), (X_DROP + 9, Y_A + 12)],
            s,
        )
}

/// From the two products that read z_t, and the one that reads r_t, down
/// through the gates' boxes to h_{t-1} and x_t.
fn into_the_gates(d: Diagram) -> Diagram {
    let s = through_gates();
    let (x_z, x_r, y) = (X_Z + 9, X_FIRST + 9, Y_F + 9);
    d.arrow_with(&[(x_z, Y_A + R), (x_z, 112)], s)
        .arrow_with(&[(x_z, 144), (x_z, Y_G - 17)], s)
        .line(&[(X_OUT - R, Y_Z + 9), (x_z, Y_Z + 9)], s)
        .arrow_with(&[(x_r, Y_B + R), (x_r, Y_G - 17)], s)
        .line(&[(x_r, Y_G + 17), (x_r, y)], s)
        .arrow_with(
            &[
                (x_z, Y_G + 17),
                (x_z, y),
                (X_DROP - 9, y),
                (X_DROP - 9, Y_A + 12),
            ],
            s,
        )
        .arrow_with(&[(159, y), (159, 425)], s)
}

fn gradient_legend(d: Diagram) -> Diagram {
    let d = d.key(
        (40, 478),
        direct(),
        "along the state: $h\u{304}_t \u{2299} (1 - z_t)$, no matrix, no σ′ or tanh′",
        figures::colour(1),
    );
    let d = d.key((40, 504),
        through_candidate(),
        "through the candidate: $h\u{304}_t \u{2299} z_t$, then tanh′, $W_{hn}^T$ and $r_t$",
        figures::colour(2),
    );
    let d = d.key((40, 530),
        through_gates(),
        "through the gates: $z\u{304}_t$ and $r\u{304}_t$, then σ′ and $W_{hz}^T$, $W_{hr}^T$",
        figures::colour(0),
    );
    d.key((40, 553), Ink::GREY.line, "the forward pass", GREY)
}
