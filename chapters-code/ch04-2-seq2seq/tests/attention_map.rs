//! The attention map of section 4.2, as the book's build draws it (seed
//! 42): the model reverses the string, and at every step of its answer the
//! largest weight falls on the digit it is writing, so the map is an
//! anti-diagonal, as the page says.

use seq2seq::attention_figure::{SOURCE, attention_map};
use seq2seq::task::EOS;

// The string's digits repeat (1 three times, 4 twice): rows that write the
// same digit must still look at different positions.

#[test]
fn the_books_attention_map_is_an_anti_diagonal() {
    assert!(
        seq2seq::task::is_held_out(&SOURCE),
        "the figure's string is one that training never draws"
    );
    let map = attention_map(42);
    let reversed: Vec<usize> = SOURCE.iter().rev().copied().collect();
    assert_eq!(
        map.answer[..SOURCE.len()],
        reversed[..],
        "the answer is the reversed source"
    );
    assert_eq!(map.answer.get(SOURCE.len()), Some(&EOS), "then EOS");
    for t in 0..SOURCE.len() {
        let row = map.weights.row(t);
        let largest = (0..row.len())
            .max_by(|&a, &b| row[a].total_cmp(&row[b]))
            .expect("a row of weights");
        assert_eq!(
            largest,
            SOURCE.len() - 1 - t,
            "answer step {t} looks hardest at source position {largest}: {row:?}"
        );
        let sum: f32 = row.sum();
        assert!((sum - 1.0).abs() < 1e-5, "row {t} sums to {sum}");
    }
    // The step that writes EOS has no digit to fetch: its weight is spread.
    let eos = map.weights.row(SOURCE.len());
    let largest = eos.iter().copied().fold(0.0_f32, f32::max);
    assert!(
        largest < 0.5,
        "the EOS row's largest weight is {largest}: {eos:?}"
    );
}
