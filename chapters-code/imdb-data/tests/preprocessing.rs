//! Vocabulary and padding on small hand-made cases.

use imdb_data::pad::{Side, pad_sequences};
use imdb_data::vocab::{OOV, START, Vocabulary};
use ndarray::array;

#[test]
fn vocabulary_orders_by_count_then_bytes_and_reserves_three_ids() {
    let texts = ["b a c a", "b a d", "zz b"];
    // counts: a 3, b 3, c 1, d 1, zz 1 → a, b (tie, bytewise), then c, d, zz
    let vocab = Vocabulary::build(texts, 3 + 4);
    assert_eq!(vocab.id("a"), 3);
    assert_eq!(vocab.id("b"), 4);
    assert_eq!(vocab.id("c"), 5);
    assert_eq!(vocab.id("d"), 6);
    assert_eq!(vocab.id("zz"), OOV, "only num_words − 3 = 4 words fit");
    assert_eq!(vocab.encode("A b, Zz!"), vec![START, 3, 4, OOV]);
    assert_eq!(
        vocab.encode(""),
        vec![START],
        "an empty review is the start marker alone"
    );
    assert_eq!(
        vocab.encode("Ünïcode ü"),
        vec![START, OOV, OOV],
        "non-ASCII letters separate: n, code"
    );
}

#[test]
fn vocabulary_round_trips_through_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let vocab = Vocabulary::build(["one two two three three three"], 20);
    let path = dir.path().join("vocab.txt");
    vocab.save(&path).unwrap();
    assert_eq!(Vocabulary::load(&path).unwrap(), vocab);
    std::fs::write(&path, "5\nfine\nnot a token\n").unwrap();
    let err = Vocabulary::load(&path).unwrap_err().to_string();
    assert!(err.contains("vocab.txt") && err.contains("line 3"), "{err}");
}

#[test]
fn padding_and_truncation_follow_keras() {
    let seqs = vec![vec![1, 2, 3, 4, 5], vec![7, 8], vec![]];
    let post_pre = pad_sequences(&seqs, 3, Side::Post, Side::Pre);
    assert_eq!(post_pre.ids, array![[3, 4, 5], [7, 8, 0], [0, 0, 0]]);
    assert_eq!(post_pre.lengths, vec![3, 2, 0]);
    assert_eq!(
        post_pre.last_real(1),
        1,
        "the state after '8' is at position 1"
    );
    let pre_post = pad_sequences(&seqs, 3, Side::Pre, Side::Post);
    assert_eq!(pre_post.ids, array![[1, 2, 3], [0, 7, 8], [0, 0, 0]]);
    assert_eq!(pre_post.last_real(1), 2);
    let long = pad_sequences(&seqs, 6, Side::Pre, Side::Pre);
    assert_eq!(long.ids.row(0).to_vec(), vec![0, 1, 2, 3, 4, 5]);
}
