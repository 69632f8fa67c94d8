//! Vocabulary and padding on small hand-made cases.

use imdb_sentiment::pad::{Side, pad_sequences};
use imdb_sentiment::vocab::{OOV, START, Vocabulary};
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

#[test]
fn one_lstm_training_step_of_the_article_costs_768_million_flops() {
    use imdb_sentiment::flops::training_flops;
    use imdb_sentiment::recurrent::CellKind;
    // B = 32, T = 50, D = H = 100: forward 2·4·100·200·50·32 = 256 M, backward twice that.
    assert_eq!(
        training_flops(CellKind::Lstm, 32, 50, 100, 100),
        768_000_000
    );
    assert_eq!(
        training_flops(CellKind::LstmFast, 32, 50, 100, 100),
        training_flops(CellKind::Lstm, 32, 50, 100, 100)
    );
    assert_eq!(training_flops(CellKind::Gru, 32, 50, 100, 100), 576_000_000);
    assert_eq!(training_flops(CellKind::Rnn, 32, 50, 100, 100), 192_000_000);
    // The figure: 782 batches of 32 (all 25,000 training reviews) ≈ 0.6 TFLOP.
    let epoch = training_flops(CellKind::Lstm, 25_000, 50, 100, 100) as f64;
    assert!((epoch / 1e12 - 0.6).abs() < 0.001, "{epoch}");
}
