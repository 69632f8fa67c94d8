//! A loss or a weight that is not a finite number stops training with an
//! error naming the epoch and the step; a model whose weights are not all
//! finite is never saved, and never loaded; a clipping norm must be a
//! positive finite number.

mod common;

use std::collections::HashMap;

use common::{config, data};
use rand::SeedableRng;
use rand::rngs::StdRng;
use recurrent::CellKind;
use safetensors::tensor::{Dtype, TensorView};
use sentiment::checkpoint;
use sentiment::model::Classifier;
use sentiment::run::run;
use sentiment::train::train;

const FILES: [&str; 4] = [
    "checkpoint.safetensors",
    "best.safetensors",
    "model.safetensors",
    "metrics.json",
];

/// Fault(numbers): training diverges (learning rate 1e38) | stopped at the first NaN loss, naming the epoch, the step, the learning rate and `--clip`; no checkpoint, model or metrics written
#[test]
fn a_diverging_run_stops_at_the_first_non_finite_loss_and_saves_nothing() {
    let data = data();
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(CellKind::Lstm, 2);
    config.train.adam.lr = 1e38;
    let err = run(&config, &data, Some(dir.path()), false, false)
        .expect_err("a learning rate of 1e38 diverges");
    let message = format!("{err:#}");
    assert!(
        message.starts_with("training diverged at epoch 1, step 2 of 16: the loss is NaN")
            && message.contains("the loss is NaN")
            && message.contains("learning rate (1e38)")
            && message.contains("--clip"),
        "{message}"
    );
    for name in FILES {
        assert!(!dir.path().join(name).exists(), "{name} was written");
    }
}

/// Fault(numbers): a model with a NaN weight | training stops at its first step, naming the clipping norm
#[test]
fn a_model_with_a_nan_weight_stops_training_at_its_first_step() {
    let data = data();
    let mut config = config(CellKind::Gru, 1);
    config.train.clip = Some(1.0);
    let mut model = Classifier::<f32>::new(config.shape(), &mut StdRng::seed_from_u64(1));
    model.dense.b[0] = f32::NAN;
    let err = train(&mut model, &data, &config, None, false, false).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("training diverged at epoch 1, step 1 of 16: the loss is NaN")
            && message.contains("clipping norm (--clip 1)"),
        "{message}"
    );
}

/// Fault(numbers): saving a model with an infinite weight | refused, naming the file and the tensor; no file written
#[test]
fn a_model_with_non_finite_weights_is_not_saved() {
    let config = config(CellKind::Rnn, 1);
    let mut model = Classifier::<f32>::new(config.shape(), &mut StdRng::seed_from_u64(1));
    model.dense.w[[0, 0]] = f32::INFINITY;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.safetensors");
    let err = checkpoint::save(&path, &model, None, HashMap::new()).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("model.safetensors")
            && message.contains("'dense.weight' holds inf"),
        "{message}"
    );
    assert!(!path.exists());
}

/// A file that holds a NaN weight (written here by safetensors directly, as
/// a damaged file or another program could) is refused, naming the file and
/// the tensor.
/// Fault(numbers): a checkpoint file that holds a NaN weight | refused on loading (both paths), naming the file and the tensor
#[test]
fn a_checkpoint_with_a_non_finite_weight_is_refused_naming_file_and_tensor() {
    let config = config(CellKind::Lstm, 1);
    let model = Classifier::<f32>::new(config.shape(), &mut StdRng::seed_from_u64(1));
    let mut state = checkpoint::pytorch_state(&model);
    let hh = state
        .iter_mut()
        .find(|(name, _)| name == "rnn.weight_hh_l0")
        .unwrap();
    hh.1[[3, 2]] = f32::NAN;
    let bytes: Vec<(String, Vec<usize>, Vec<u8>)> = state
        .iter()
        .map(|(n, t)| {
            let data = t.iter().flat_map(|v| v.to_le_bytes()).collect();
            (n.clone(), t.shape().to_vec(), data)
        })
        .collect();
    let views: Vec<(String, TensorView<'_>)> = bytes
        .iter()
        .map(|(n, shape, data)| {
            (
                n.clone(),
                TensorView::new(Dtype::F32, shape.clone(), data).unwrap(),
            )
        })
        .collect();
    let metadata = HashMap::from([(
        "shape".to_owned(),
        serde_json::to_string(&model.shape).unwrap(),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.safetensors");
    std::fs::write(
        &path,
        safetensors::serialize(views, Some(metadata)).unwrap(),
    )
    .unwrap();
    for err in [
        checkpoint::load(&path).err().expect("refused"),
        checkpoint::load_as(&path, Some(CellKind::LstmFast))
            .err()
            .expect("refused on the fast path too"),
    ] {
        let message = err.to_string();
        assert!(
            message.contains("model.safetensors")
                && message.contains("'rnn.weight_hh_l0' holds NaN"),
            "{message}"
        );
    }
}

/// Fault(numbers): a clipping norm that is 0, negative, infinite or NaN | refused, saying it must be positive and finite; no run folder made
#[test]
fn the_clipping_norm_must_be_a_positive_finite_number() {
    let data = data();
    for clip in [0.0, -1.0, f64::NEG_INFINITY, f64::INFINITY, f64::NAN] {
        let mut config = config(CellKind::Lstm, 1);
        config.train.clip = Some(clip);
        let message = config.validate().unwrap_err().to_string();
        assert!(
            message.contains(&format!("clip is {clip}"))
                && message.contains("positive finite"),
            "{message}"
        );
        let dir = tempfile::tempdir().unwrap();
        let run_dir = dir.path().join("run");
        assert!(run(&config, &data, Some(&run_dir), false, false).is_err());
        assert!(!run_dir.exists(), "clip {clip}: the run folder was made");
    }
    let mut config = config(CellKind::Lstm, 1);
    config.train.clip = Some(0.5);
    config.validate().unwrap();
}
