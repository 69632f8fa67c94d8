//! The arithmetic of a training epoch, counted.

use recurrent::CellKind;
use speed::flops::training_flops;

#[test]
fn one_lstm_training_step_of_the_article_costs_768_million_flops() {
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
