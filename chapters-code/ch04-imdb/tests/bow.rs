//! The bag-of-words baseline: its gradients against finite differences,
//! what a zero model predicts, and the `imdb baseline` program on a tiny
//! synthetic dataset where one word gives the class away.

mod common;

use gradcheck::{Checkable, EPS, assert_reports, check_gradients};
use imdb_sentiment::bow::{BagOfWords, bag};
use ndarray::Array1;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The penalised loss of a fixed batch of bags.
struct Problem {
    model: BagOfWords<f64>,
    bags: Vec<Vec<u32>>,
    labels: Vec<f64>,
}

numeric::params! { Problem as f64 {} nested { model } }

impl Checkable for Problem {
    fn loss(&self) -> f64 {
        self.model
            .loss_and_grads(&self.bags, &self.labels, 0.3)
            .loss
    }
}

#[test]
fn gradcheck_bag_of_words_with_its_penalty() {
    let mut rng = StdRng::seed_from_u64(5);
    let words = 12;
    let model = BagOfWords {
        theta: Array1::from_shape_fn(words, |_| rng.random_range(-1.0..1.0)),
        b: Array1::from_elem(1, 0.2),
    };
    let bags: Vec<Vec<u32>> = (0..6)
        .map(|_| {
            bag(&(0..5)
                .map(|_| rng.random_range(0..words as u32))
                .collect::<Vec<_>>())
        })
        .collect();
    let labels = vec![1.0, 0.0, 1.0, 1.0, 0.0, 0.0];
    let mut problem = Problem {
        model,
        bags,
        labels,
    };
    let grads = problem
        .model
        .loss_and_grads(&problem.bags, &problem.labels, 0.3);
    let report = check_gradients(&mut problem, &grads.named, EPS);
    assert_reports(&[("bag of words, 6 reviews".to_owned(), report)], 1);
}

#[test]
fn a_bag_leaves_out_the_markers_and_repeats() {
    assert_eq!(bag(&[1, 7, 3, 2, 7, 0, 5]), vec![3, 5, 7]);
}

#[test]
fn zero_weights_say_one_half_and_cost_ln_2() {
    let model = BagOfWords::<f64>::new(10);
    assert_eq!(model.probability(&[3, 4]), 0.5);
    let grads = model.loss_and_grads(&[vec![3], vec![4, 5]], &[1.0, 0.0], 0.0);
    assert!((grads.loss - std::f64::consts::LN_2).abs() < 1e-12);
}

#[test]
fn the_baseline_learns_the_word_that_gives_the_class_away() {
    let json = common::results_on_synthetic_data(&["baseline"], "bow.json");
    let accuracy = json["run"]["test_accuracy"].as_f64().unwrap();
    assert!(accuracy > 0.95, "test accuracy {accuracy}");
    assert_eq!(json["run"]["test_reviews"], 600);
    assert!(json["provenance"]["commit"].is_string());
}

/// Fault(output): `imdb baseline --out` a folder, a path in a missing folder or below a file, or in a folder that cannot be written | refused at once, before the data is read, naming the path; exit code 1
#[test]
fn the_baseline_refuses_an_output_it_cannot_write_before_reading_the_data() {
    common::assert_unwritable_outputs_refused("baseline");
}
