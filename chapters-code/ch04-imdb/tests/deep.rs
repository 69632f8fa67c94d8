//! The final model of "Putting it together": its gradients (with fixed
//! dropout masks) against finite differences, the masked mean that ignores
//! padding, and the `imdb final` program on a tiny synthetic dataset where
//! one word gives the class away.

mod common;

use gradcheck::{Checkable, EPS, assert_reports, check_gradients};
use imdb_sentiment::deep::{
    DeepClassifier, DeepShape, Pool, masked_max, masked_mean, real_steps,
};
use layers::loss::bce_with_logits;
use ndarray::{Array1, Array2, Array3};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use recurrent::dropout::{DropoutRates, Masks};
use std::ops::Range;

/// The loss of a fixed batch under fixed masks.
struct Problem {
    model: DeepClassifier<f64>,
    ids: Array2<u32>,
    real: Vec<Range<usize>>,
    labels: Array1<f64>,
    masks: Masks<f64>,
}

numeric::params! { Problem as f64 {} nested { model } }

impl Checkable for Problem {
    fn loss(&self) -> f64 {
        let f = self
            .model
            .forward(self.ids.view(), &self.real, Some(&self.masks));
        bce_with_logits(f.logits.view(), self.labels.view()).0
    }
}

fn problem(seed: u64, pool: Pool) -> Problem {
    let mut rng = StdRng::seed_from_u64(seed);
    let shape = DeepShape {
        num_words: 9,
        embedding_dim: 3,
        hidden: 2,
        pool,
    };
    let model = DeepClassifier::new(shape, &mut rng);
    // Four reviews of 6 steps, pre-padded (id 0) to lengths 6, 4, 2 and 1.
    let lengths = [6, 4, 2, 1];
    let ids = Array2::from_shape_fn((4, 6), |(b, t)| {
        if t + lengths[b] >= 6 {
            rng.random_range(3..9)
        } else {
            0
        }
    });
    let real = lengths.iter().map(|&n| real_steps(n, 6, true)).collect();
    let rates = DropoutRates {
        words: 0.3,
        input: 0.3,
        recurrent: 0.3,
        output: 0.3,
    };
    let masks = Masks::sample(rates, ids.view(), 3, 2, &mut rng);
    Problem {
        model,
        ids,
        real,
        labels: Array1::from(vec![1.0, 0.0, 0.0, 1.0]),
        masks,
    }
}

#[test]
fn gradcheck_the_final_model_with_fixed_dropout_masks() {
    gradcheck_with(Pool::Mean);
    gradcheck_with(Pool::Max);
}

fn gradcheck_with(pool: Pool) {
    let mut p = problem(11, pool);
    let (_, grads, _) =
        p.model
            .loss_and_grads(p.ids.view(), &p.real, p.labels.view(), &p.masks);
    let mut named = grads.named;
    named.push((
        "embedding.table".to_owned(),
        grads.embedding.to_dense(9).into_dyn(),
    ));
    let report = check_gradients(&mut p, &named, EPS);
    assert_reports(
        &[(format!("final model, {pool:?} pool, 4 reviews"), report)],
        1,
    );
}

#[test]
fn the_mean_reads_only_the_real_steps() {
    let y = Array3::from_shape_fn((4, 2, 1), |(t, b, _)| (10 * b + t) as f64);
    let real = [real_steps(2, 4, true), real_steps(3, 4, false)];
    assert_eq!(real, [2..4, 0..3]);
    let mean = masked_mean(y.view(), &real);
    assert_eq!(mean[[0, 0]], 2.5);
    assert_eq!(mean[[1, 0]], 11.0);
    // A review longer than the row, or empty, still has between 1 and T steps.
    assert_eq!(real_steps(9, 4, true), 0..4);
    assert_eq!(real_steps(0, 4, false), 0..1);
    // The max over the same steps, and where each maximum came from.
    let (max, argmax) = masked_max(y.view(), &real);
    assert_eq!((max[[0, 0]], argmax[[0, 0]]), (3.0, 3));
    assert_eq!((max[[1, 0]], argmax[[1, 0]]), (12.0, 2));
}

#[test]
fn the_final_model_learns_the_word_that_gives_the_class_away() {
    let json = common::results_on_synthetic_data(
        &["final", "--quick", "--seeds", "2"],
        "final.json",
    );
    // Both poolings, two seeds each; the chosen one has the better median
    // validation accuracy.
    let candidates = json["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 2);
    assert_eq!(
        (
            candidates[0]["pool"].as_str(),
            candidates[1]["pool"].as_str()
        ),
        (Some("Mean"), Some("Max"))
    );
    let validation = |k: usize| {
        candidates[k]["median_validation_accuracy"]
            .as_f64()
            .unwrap()
    };
    let chosen = json["chosen"].as_u64().unwrap() as usize;
    assert!(validation(chosen) >= validation(1 - chosen));
    for c in candidates {
        assert_eq!(c["runs"].as_array().unwrap().len(), 2);
        let median = c["median_test_accuracy"].as_f64().unwrap();
        // Two short epochs of a few hundred reviews: well above chance (0.5).
        assert!(median > 0.75, "median test accuracy {median}");
    }
    assert!(json["provenance"]["commit"].is_string());
}

/// Fault(output): `imdb final --out` a folder, a path in a missing folder or below a file, or in a folder that cannot be written | refused at once, before the data is read, naming the path; exit code 1
#[test]
fn the_final_model_refuses_an_output_it_cannot_write_before_reading_the_data() {
    common::assert_unwritable_outputs_refused("final");
}
