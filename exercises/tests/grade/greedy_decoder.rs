//! Grades exercises/src/greedy_decoder.rs: the shape of the answer, models
//! whose answer is known (always one token, always EOS), and agreement with
//! the chapter's `Seq2Seq::greedy` on random models and sources.

use exercises::greedy_decoder::greedy;
use ndarray::{Array1, Array2};
use rand::Rng;
use seq2seq::model::Seq2Seq;
use seq2seq::task::{DIGITS, EOS, VOCAB};

use crate::check::rng;

fn source(seed: u64, steps: usize, batch: usize) -> Array2<usize> {
    let mut rng = rng(seed);
    Array2::from_shape_simple_fn((steps, batch), || rng.random_range(0..DIGITS))
}

/// A model whose dense layer ignores the state and always scores `token` highest.
fn always(token: usize) -> Seq2Seq<f64> {
    let mut model = Seq2Seq::<f64>::new(6, &mut rng(1));
    model.dense.w.fill(0.0);
    model.dense.b = Array1::from_shape_fn(VOCAB, |k| if k == token { 5.0 } else { 0.0 });
    model
}

#[test]
fn check_1_one_answer_per_column_at_most_max_steps_long_without_eos() {
    let model = Seq2Seq::<f64>::new(8, &mut rng(2));
    let src = source(3, 5, 4);
    let answers = greedy(&model, &src, 7);
    assert_eq!(
        answers.len(),
        4,
        "4 columns in the source, so 4 answers, not {}",
        answers.len()
    );
    for (b, a) in answers.iter().enumerate() {
        assert!(
            a.len() <= 7,
            "answer {b} has {} tokens, more than max_steps = 7: {a:?}",
            a.len()
        );
        assert!(
            !a.contains(&EOS),
            "answer {b} contains EOS ({EOS}); EOS ends an answer and is not part of it: {a:?}"
        );
    }
}

#[test]
fn check_2_a_model_that_always_answers_3_writes_max_steps_threes() {
    let answers = greedy(&always(3), &source(4, 4, 2), 5);
    assert_eq!(
        answers,
        vec![vec![3; 5]; 2],
        "this model's most likely token is always 3 and it never writes EOS, so every \
         answer is [3, 3, 3, 3, 3] (max_steps = 5)"
    );
}

#[test]
fn check_3_a_model_that_always_answers_eos_writes_nothing() {
    let answers = greedy(&always(EOS), &source(5, 4, 3), 5);
    assert_eq!(
        answers,
        vec![Vec::<usize>::new(); 3],
        "this model's first answer is EOS, so every answer is empty"
    );
}

#[test]
fn check_4_agrees_with_the_chapter_on_random_models_and_sources() {
    for seed in 6..12 {
        let model = Seq2Seq::<f64>::new(16, &mut rng(seed));
        let src = source(seed + 100, 3 + seed as usize % 4, 5);
        let expected = model.greedy(&src, 9);
        let yours = greedy(&model, &src, 9);
        for (b, (y, e)) in yours.iter().zip(&expected).enumerate() {
            assert_eq!(
                y,
                e,
                "model {seed}, column {b}: your answer is {y:?}, the chapter's greedy decoder \
                 gives {e:?} (source column {:?})",
                src.column(b).to_vec()
            );
        }
        assert_eq!(
            yours.len(),
            expected.len(),
            "model {seed}: the number of answers"
        );
    }
}
