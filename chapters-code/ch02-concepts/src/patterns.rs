//! The three ways to use a recurrent layer: many-to-one, many-to-many
//! (aligned), and sequence to sequence (encoder and decoder).

use figures::Diagram;

const BOX: (i32, i32) = (44, 32);
const INPUT: usize = 0;
const OUTPUT: usize = 1;
const STATE: usize = 2;
const DECODER: usize = 3;

/// One row per pattern: the pattern's name on the left, the network on the right.
pub fn diagram() -> Diagram {
    let mut d =
        Diagram::new(720, 620).label((360, 20), "Three ways to use a recurrent layer", 20);
    let rows = [
        (40, "many-to-one", "classify a review (chapter 4)"),
        (230, "many-to-many", "tag every step"),
        (420, "sequence to sequence", "reverse a string, as in 4.2"),
    ];
    for (k, (top, name, example)) in rows.into_iter().enumerate() {
        let (y_out, y_state, y_in) = (top + 30, top + 90, top + 150);
        d = d
            .label((100, y_state - 12), name, 16)
            .label((100, y_state + 12), example, 12);
        let steps: Vec<i32> = (0..4).map(|t| 230 + 80 * t).collect();
        let encoder = if k == 2 { &steps[..3] } else { &steps[..] };
        for (t, &x) in encoder.iter().enumerate() {
            d = d
                .node((x, y_in), BOX, &format!("$x_{}$", t + 1), INPUT)
                .node((x, y_state), BOX, "$h$", STATE)
                .arrow((x, y_in - BOX.1 / 2), (x, y_state + BOX.1 / 2));
            if t > 0 {
                d = d.arrow((x - 80 + BOX.0 / 2, y_state), (x - BOX.0 / 2, y_state));
            }
            let reads = match k {
                0 => t + 1 == encoder.len(),
                1 => true,
                _ => false,
            };
            if reads {
                let label = if k == 0 {
                    "$y$".to_owned()
                } else {
                    format!("$y_{}$", t + 1)
                };
                d = d
                    .node((x, y_out), BOX, &label, OUTPUT)
                    .arrow((x, y_state - BOX.1 / 2), (x, y_out + BOX.1 / 2));
            }
        }
        if k == 2 {
            // The decoder starts from the encoder's last state and is fed
            // its own previous output.
            let last = encoder[encoder.len() - 1];
            for t in 0..3 {
                let x = 500 + 80 * t;
                let previous = if t == 0 { last } else { x - 80 };
                d = d
                    .node((x, y_state), BOX, "$s$", DECODER)
                    .arrow((previous + BOX.0 / 2, y_state), (x - BOX.0 / 2, y_state))
                    .node((x, y_out), BOX, &format!("$y_{}$", t + 1), OUTPUT)
                    .arrow((x, y_state - BOX.1 / 2), (x, y_out + BOX.1 / 2));
                if t == 0 {
                    d = d
                        .node((x, y_in), BOX, "go", INPUT)
                        .arrow((x, y_in - BOX.1 / 2), (x, y_state + BOX.1 / 2));
                } else {
                    d = d.path_arrow(
                        &[
                            (x - 80 + BOX.0 / 2, y_out),
                            (x - 40, y_out),
                            (x - 40, y_in),
                            (x, y_in),
                            (x, y_state + BOX.1 / 2),
                        ],
                        true,
                    );
                }
            }
            d = d.label((310, y_in + 34), "encoder", 13).label(
                (580, y_in + 34),
                "decoder (fed its previous output)",
                13,
            );
        }
    }
    d
}
