//! Properties of checkpoints, checked on random inputs (proptest; a failing
//! case is shrunk and printed).

use std::collections::HashMap;
use std::path::Path;

use numeric::params::ParamsMut;
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use recurrent::CellKind;
use sentiment::checkpoint;
use sentiment::model::{Classifier, Head, ModelShape};

fn cell() -> impl Strategy<Value = CellKind> {
    prop_oneof![
        Just(CellKind::Lstm),
        Just(CellKind::Gru),
        Just(CellKind::Rnn),
        Just(CellKind::LstmFast),
        Just(CellKind::GruFast),
        Just(CellKind::RnnFast),
    ]
}

fn head() -> impl Strategy<Value = Head> {
    prop_oneof![
        Just(Head::PerStep),
        Just(Head::LastState),
        Just(Head::LastReal)
    ]
}

fn shape() -> impl Strategy<Value = ModelShape> {
    (4usize..40, 1usize..9, 1usize..9, cell(), head()).prop_map(
        |(num_words, embedding_dim, hidden, cell, head)| ModelShape {
            num_words,
            embedding_dim,
            hidden,
            cell,
            head,
        },
    )
}

/// Values a careless conversion changes: −0, subnormals, the extremes.
const SPECIAL: [f32; 8] = [
    -0.0,
    0.0,
    f32::MIN_POSITIVE,
    -f32::MIN_POSITIVE / 2.0,
    1e-45,
    f32::MAX,
    f32::MIN,
    f32::EPSILON,
];

/// A finite f32 of any bit pattern (subnormals, −0, the largest ones).
fn any_finite(rng: &mut StdRng) -> f32 {
    if rng.random_bool(0.125) {
        return SPECIAL[rng.random_range(0..SPECIAL.len())];
    }
    loop {
        let v = f32::from_bits(rng.random());
        if v.is_finite() {
            return v;
        }
    }
}

/// The bits of every tensor of `model`, under PyTorch's names; with
/// `signed_zeros` false, −0 is counted as +0 in the recurrent biases.
///
/// The readable cells keep one bias where PyTorch has two (all the LSTM's
/// and the vanilla layer's, the GRU's r and z): saving writes it as
/// `bias_ih_l0` with zeros in `bias_hh_l0`, and loading adds the two back,
/// so a bias of −0 comes back as −0 + 0 = +0: the same value, other bits.
fn bits(
    model: &Classifier<f32>,
    signed_zeros: bool,
) -> Vec<(String, Vec<usize>, Vec<u32>)> {
    checkpoint::pytorch_state(model)
        .into_iter()
        .map(|(name, t)| {
            let exact = signed_zeros || !name.starts_with("rnn.bias_");
            let bits = t
                .iter()
                .map(|&v| if exact || v != 0.0 { v.to_bits() } else { 0 })
                .collect();
            (name, t.shape().to_vec(), bits)
        })
        .collect()
}

/// `model` saved to `path` and loaded back.
fn round_trip(model: &Classifier<f32>, path: &Path, note: &str) -> checkpoint::Loaded {
    let metadata = HashMap::from([("note".to_owned(), note.to_owned())]);
    checkpoint::save(path, model, None, metadata).unwrap();
    checkpoint::load(path).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A model of any shape, cell and head, with any finite weights, saved
    /// then loaded, is the same model (`==`), bit for bit (a −0 in a
    /// recurrent bias aside, see [`bits`]), with its metadata; and a model
    /// that was loaded once comes back bit for bit, −0 included.
    #[test]
    fn checkpoint_round_trip_is_bit_identical(
        shape in shape(),
        seed in any::<u64>(),
        extreme in any::<bool>(),
    ) {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut model = Classifier::<f32>::new(shape, &mut rng);
        if extreme {
            model.visit_mut(&mut |_, mut t| t.mapv_inplace(|_| any_finite(&mut rng)));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("checkpoint.safetensors");
        let note = format!("seed {seed}");
        let loaded = round_trip(&model, &path, &note);
        prop_assert_eq!(loaded.model.shape, shape);
        prop_assert_eq!(bits(&loaded.model, false), bits(&model, false));
        prop_assert!(loaded.model == model);
        prop_assert!(loaded.adam.is_none());
        prop_assert_eq!(loaded.metadata.get("note"), Some(&note));
        let again = round_trip(&loaded.model, &path, &note);
        prop_assert_eq!(bits(&again.model, true), bits(&loaded.model, true));
    }
}
