//! Checkpoints store the model under PyTorch's names, so a checkpoint of the
//! readable cell loads into the fast one (and the reverse) and predicts the
//! same; loading as a different cell is refused with a message.

use imdb_data::pad::{Side, pad_sequences};
use ndarray::Array2;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use recurrent::CellKind;
use sentiment::checkpoint;
use sentiment::model::{Classifier, Head, ModelShape};

fn shape(cell: CellKind) -> ModelShape {
    ModelShape {
        num_words: 40,
        embedding_dim: 6,
        hidden: 5,
        cell,
        head: Head::LastReal,
    }
}

/// Sixteen random reviews of 3 to 10 ids, post-padded to 10.
fn batch() -> (Array2<u32>, Vec<usize>) {
    let mut rng = StdRng::seed_from_u64(8);
    let reviews: Vec<Vec<u32>> = (0..16)
        .map(|_| {
            let len = rng.random_range(3..=10);
            (0..len).map(|_| rng.random_range(1..40)).collect()
        })
        .collect();
    let padded = pad_sequences(&reviews, 10, Side::Post, Side::Pre);
    let last: Vec<usize> = (0..reviews.len()).map(|b| padded.last_real(b)).collect();
    (padded.ids, last)
}

/// Save a model of `from`, load it as `to`: the same probabilities (the two
/// paths compute the same function in a different order: f32 rounding apart).
fn round_trip(from: CellKind, to: CellKind) {
    let model = Classifier::<f32>::new(shape(from), &mut StdRng::seed_from_u64(3));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.safetensors");
    checkpoint::save(&path, &model, None, Default::default()).unwrap();
    let loaded = checkpoint::load_as(&path, Some(to)).unwrap().model;
    assert_eq!(loaded.shape.cell, to);
    let (ids, last) = batch();
    let (p_from, p_to) = (
        model.predict(ids.view(), &last),
        loaded.predict(ids.view(), &last),
    );
    let worst = p_from
        .iter()
        .zip(&p_to)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0f32, f32::max);
    assert!(
        worst < 1e-6,
        "{from:?} saved, {to:?} loaded: predictions differ by {worst:e}"
    );
    // And the file holds exactly PyTorch's names for this classifier.
    let again = checkpoint::pytorch_state(&loaded);
    let names: Vec<&str> = again.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "embedding.weight",
            "rnn.weight_ih_l0",
            "rnn.weight_hh_l0",
            "rnn.bias_ih_l0",
            "rnn.bias_hh_l0",
            "dense.weight",
            "dense.bias"
        ]
    );
    // Saving what was loaded gives the same tensors back, bit for bit.
    let first = checkpoint::pytorch_state(&model);
    for ((name, a), (_, b)) in first.iter().zip(&again) {
        assert_eq!(a, b, "{name} changed on the way through {to:?}");
    }
}

#[test]
fn a_readable_lstm_checkpoint_loads_into_the_fast_lstm_and_back() {
    round_trip(CellKind::Lstm, CellKind::LstmFast);
    round_trip(CellKind::LstmFast, CellKind::Lstm);
}

#[test]
fn gru_and_vanilla_checkpoints_load_on_either_path() {
    round_trip(CellKind::Gru, CellKind::GruFast);
    round_trip(CellKind::GruFast, CellKind::Gru);
    round_trip(CellKind::Rnn, CellKind::RnnFast);
    round_trip(CellKind::RnnFast, CellKind::Rnn);
}

/// Fault(runs): loading a GRU checkpoint as an LSTM | refused, naming both cells
#[test]
fn a_checkpoint_of_another_cell_is_refused_naming_both() {
    let model = Classifier::<f32>::new(shape(CellKind::Gru), &mut StdRng::seed_from_u64(3));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.safetensors");
    checkpoint::save(&path, &model, None, Default::default()).unwrap();
    let err = checkpoint::load_as(&path, Some(CellKind::LstmFast))
        .err()
        .expect("a GRU is not an LSTM");
    let message = format!("{err:#}");
    assert!(
        message.contains("GRU") && message.contains("LSTM"),
        "{message}"
    );
}
