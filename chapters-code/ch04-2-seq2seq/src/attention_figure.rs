//! The attention map of section 4.2: a model with attention, trained for a
//! few hundred updates on the reversal task (seeded, at the book's build),
//! reads one string; the map shows, for every answer it writes, the weight
//! α_tj it gives to every source digit.

use std::path::{Path, PathBuf};

use figures::{Anchor, Diagram, FigureError, GREY};
use ndarray::{Array2, Axis};

use crate::attention::AttentionSeq2Seq;
use crate::attention_train::train_attention;
use crate::task::{EOS, Task};
use crate::train::Seq2SeqConfig;

// ANCHOR: config
/// The short training run behind the map: reversal of 3 to 6 digits,
/// 32 hidden units, 300 updates of 32 strings.
pub fn map_config(seed: u64) -> Seq2SeqConfig {
    Seq2SeqConfig {
        task: Task {
            min_len: 3,
            max_len: 6,
        },
        hidden: 32,
        batch_size: 32,
        iterations: 300,
        eval_every: 100,
        test_size: 100,
        lr: 1e-2,
        clip: 1.0,
        seed,
    }
}
// ANCHOR_END: config

/// The string the map's model reads: held out (training never draws it),
/// with repeated digits.
pub const SOURCE: [usize; 6] = [1, 4, 1, 4, 2, 1];

/// What the map shows: the source, the answer written (EOS last, if
/// written) and the weights, one row per answer token, one column per
/// source digit.
pub struct AttentionMap {
    pub source: Vec<usize>,
    pub answer: Vec<usize>,
    pub weights: Array2<f32>,
}

/// Trains the map's model with `seed` and lets it read [`SOURCE`].
pub fn attention_map(seed: u64) -> AttentionMap {
    let (_, model) = train_attention(&map_config(seed), false);
    read(&model, &SOURCE)
}

/// `model` reads `source` greedily; its answer and its weights.
pub fn read(model: &AttentionSeq2Seq<f32>, source: &[usize]) -> AttentionMap {
    let column = Array2::from_shape_fn((source.len(), 1), |(t, _)| source[t]);
    let (answers, maps) = model.greedy(&column, source.len() + 2);
    let weights = maps.into_iter().next().expect("one map for one string");
    let mut answer = answers.into_iter().next().expect("one answer");
    if weights.nrows() > answer.len() {
        answer.push(EOS);
    }
    AttentionMap {
        source: source.to_vec(),
        answer,
        weights,
    }
}

const CELL: i32 = 44;
const LEFT: i32 = 150;
const TOP: i32 = 110;

/// The map as a grid: rows are the answer's tokens, columns the source's
/// digits, each cell as dark as its weight.
pub fn map_diagram(map: &AttentionMap) -> Diagram {
    let (rows, cols) = map.weights.dim();
    let token = |t: usize| {
        if t == EOS {
            "EOS".to_owned()
        } else {
            t.to_string()
        }
    };
    let mut d = Diagram::new(520, (TOP + CELL * rows as i32 + 44) as u32)
        .label((260, 22), "Attention of a model that reverses digits", 18)
        .text(
            (LEFT + CELL * cols as i32 / 2, 56),
            "source: the digit at position $j$",
            14,
            Anchor::Middle,
            GREY,
        )
        .text(
            (10, TOP - 20),
            "answer: token of step $t$",
            13,
            Anchor::Start,
            GREY,
        );
    for (j, digit) in map.source.iter().enumerate() {
        let x = LEFT + CELL * j as i32 + CELL / 2;
        d = d.label((x, TOP - 18), &token(*digit), 16);
    }
    for (t, row) in map.weights.axis_iter(Axis(0)).enumerate() {
        let y = TOP + CELL * t as i32;
        let written = map.answer.get(t).map_or("?".to_owned(), |&k| token(k));
        d = d.text(
            (LEFT - 14, y + CELL / 2),
            &written,
            16,
            Anchor::End,
            figures::BLACK,
        );
        for (j, &w) in row.iter().enumerate() {
            let strength = f64::from(w).clamp(0.0, 1.0);
            d = d.shade((LEFT + CELL * j as i32, y), (CELL, CELL), 0, strength);
        }
    }
    let bottom = TOP + CELL * rows as i32 + 30;
    d.text(
        (LEFT + CELL * cols as i32 / 2, bottom),
        "darker: larger weight $\u{3b1}_{tj}$; each row sums to 1",
        13,
        Anchor::Middle,
        GREY,
    )
}

/// Trains with `seed`, draws the map into `dir`.
pub fn write_attention_figure(dir: &Path, seed: u64) -> Result<PathBuf, FigureError> {
    let path = dir.join("seq2seq-attention-map.svg");
    map_diagram(&attention_map(seed)).save_svg(&path)?;
    Ok(path)
}
