//! The LSTM side of the formulas, checked against chapter 3's LSTM.

use future::{attention_cache, attention_step_macs, lstm_state, lstm_step_macs};
use lstm::Lstm;
use ndarray::Array2;
use numeric::Init;
use rand::SeedableRng;
use rand::rngs::StdRng;

#[test]
fn the_lstm_keeps_two_vectors_of_width_d_and_its_weights_are_the_step_cost() {
    let d = 16;
    let cell = Lstm::<f64>::new(d, d, Init::PyTorch, &mut StdRng::seed_from_u64(1));
    let zeros = Array2::zeros((1, d));
    let step = cell.step(zeros.view(), zeros.view(), zeros.view());
    assert_eq!(step.h.len() + step.c.len(), lstm_state(d));
    // One multiply–add per weight (biases aside): 4(d·d + d·d).
    let weights = cell.parameter_count() - 4 * d;
    assert_eq!(weights, lstm_step_macs(d));
}

#[test]
fn attention_grows_with_the_position_and_the_lstm_does_not() {
    let d = 256;
    assert_eq!(attention_cache(d, 1), lstm_state(d));
    assert_eq!(attention_cache(d, 4096) / lstm_state(d), 4096);
    assert!(attention_step_macs(d, 1) < lstm_step_macs(d));
    assert!(attention_step_macs(d, 4096) > 4 * lstm_step_macs(d));
}

#[test]
fn the_figure_is_written_and_byte_identical_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = &future::write_figures(dir.path()).unwrap()[0];
    let first = std::fs::read(path).unwrap();
    future::write_figures(dir.path()).unwrap();
    assert_eq!(std::fs::read(path).unwrap(), first);
}
