//! Q4's claims about padding and masking, and the sweep on a synthetic corpus.

use faq_experiments::q4_padding::{PaddingSweep, Variant, run_sweep};
use imdb_data::pad::{Side, pad_sequences};
use imdb_data::prepare::{Encoded, EncodedPart};
use imdb_data::vocab::Vocabulary;
use ndarray::{Array1, Array2};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use recurrent::CellKind;
use sentiment::model::{Classifier, Head, ModelShape};

fn model(cell: CellKind, head: Head) -> Classifier<f64> {
    let shape = ModelShape {
        num_words: 30,
        embedding_dim: 4,
        hidden: 5,
        cell,
        head,
    };
    Classifier::new(shape, &mut StdRng::seed_from_u64(31))
}

fn reviews() -> Vec<Vec<u32>> {
    let mut rng = StdRng::seed_from_u64(32);
    (0..6)
        .map(|n| (0..2 + 2 * n).map(|_| rng.random_range(3..30)).collect())
        .collect()
}

#[test]
fn masking_equals_no_padding_at_all() {
    for cell in [CellKind::Lstm, CellKind::Gru, CellKind::Rnn] {
        let masked = model(cell, Head::LastReal);
        let mut unmasked = masked.clone();
        unmasked.shape.head = Head::LastState;
        let padded = pad_sequences(&reviews(), 12, Side::Post, Side::Pre);
        let last: Vec<usize> = (0..6).map(|n| padded.last_real(n)).collect();
        let p_masked = masked.predict(padded.ids.view(), &last);
        for (n, review) in reviews().iter().enumerate() {
            let alone = Array2::from_shape_vec((1, review.len()), review.clone()).unwrap();
            let p_alone = unmasked.predict(alone.view(), &[review.len() - 1])[0];
            assert!(
                (p_masked[n] - p_alone).abs() < 1e-12,
                "{cell:?}, review {n}: masked {} but unpadded {p_alone}",
                p_masked[n]
            );
        }
    }
}

#[test]
fn without_a_mask_the_padding_changes_the_answer() {
    let unmasked = model(CellKind::Lstm, Head::LastState);
    for side in [Side::Pre, Side::Post] {
        let padded = pad_sequences(&reviews(), 12, side, Side::Pre);
        let last = vec![11; 6];
        let p = unmasked.predict(padded.ids.view(), &last);
        // Review 0 has 2 ids and 10 padding steps.
        let alone = Array2::from_shape_vec((1, 2), reviews()[0].clone()).unwrap();
        let p_alone = unmasked.predict(alone.view(), &[1])[0];
        assert!(
            (p[0] - p_alone).abs() > 1e-6,
            "{side:?}-padding without a mask should read a different state"
        );
    }
}

fn part(n: usize, seed: u64) -> EncodedPart {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut ids = Vec::new();
    let mut labels = Vec::new();
    for _ in 0..n {
        let label = rng.random_bool(0.5);
        let mut review: Vec<u32> = (0..rng.random_range(3..40))
            .map(|_| rng.random_range(5..30))
            .collect();
        review[0] = if label { 3 } else { 4 };
        ids.push(review);
        labels.push(if label { 1.0 } else { 0.0 });
    }
    EncodedPart {
        ids,
        labels: Array1::from(labels),
    }
}

#[test]
fn the_sweep_trains_every_variant_at_every_length() {
    let encoded = Encoded {
        vocab: Vocabulary::build(["w"], 30),
        train: part(64, 1),
        validation: part(16, 2),
        test: part(16, 3),
    };
    let mut sweep = PaddingSweep::quick(4);
    sweep.maxlens = vec![8, 30];
    let mut reported = 0;
    let runs = run_sweep(&sweep, &encoded, false, &mut |_| reported += 1).unwrap();
    assert_eq!(runs.len(), 2 * Variant::ALL.len());
    assert_eq!(reported, runs.len());
    for run in &runs {
        let shorter = encoded
            .train
            .ids
            .iter()
            .filter(|r| r.len() < run.maxlen)
            .count();
        assert_eq!(run.padded_share, shorter as f64 / 64.0);
        assert_eq!(run.result.config.prep.maxlen, run.maxlen);
        assert_eq!(run.result.config.prep.padding, run.variant.padding);
        assert_eq!(run.result.config.head, run.variant.head);
        assert_eq!(run.result.log.epochs.len(), 1);
        assert!((0.0..=1.0).contains(&run.result.log.test_accuracy));
    }
    let labels: Vec<String> = Variant::ALL.iter().map(Variant::label).collect();
    let mut unique = labels.clone();
    unique.dedup();
    assert_eq!(
        unique.len(),
        labels.len(),
        "every variant has its own name: {labels:?}"
    );
}
