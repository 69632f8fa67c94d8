//! The attention map of section 4.2, as the book's build draws it (seed
//! 42): the model reverses the string, and at every step of its answer the
//! largest weight falls on the digit it is writing, so the map is an
//! anti-diagonal, as the page says.

use seq2seq::attention_figure::{SOURCE, attention_map};
use seq2seq::task::EOS;

#[test]
fn the_books_attention_map_is_an_anti_diagonal() {
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
}
