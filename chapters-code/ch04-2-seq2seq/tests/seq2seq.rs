//! The task, the softmax cross-entropy, the encoder–decoder's gradients
//! (finite differences in f64), greedy decoding, and learning.

use gradcheck::suite::assert_reports;
use layers::softmax::{cross_entropy, softmax};
use ndarray::array;
use rand::SeedableRng;
use rand::rngs::StdRng;
use seq2seq::model::{Seq2Seq, decoder_inputs};
use seq2seq::task::{EOS, GO, Task, as_matrix, is_held_out, target_of};
use seq2seq::train::{Seq2SeqConfig, decode_all, exact_match, test_set, train};

#[test]
fn the_held_out_fifth_is_fixed_and_never_drawn_for_training() {
    let task = Task::default();
    let mut rng = StdRng::seed_from_u64(1);
    let train = task.draw_many(5000, false, &mut rng);
    assert!(train.iter().all(|s| !is_held_out(s)));
    assert!(train.iter().all(|s| (3..=8).contains(&s.len())));
    let test = test_set(&task, 500);
    assert!(test.iter().all(|s| is_held_out(s)));
    assert_eq!(
        test,
        test_set(&task, 500),
        "the test set does not depend on anything else"
    );
    // About a fifth of all strings of length 4 are held out.
    let held = (0..10_000)
        .filter(|n| is_held_out(&[n / 1000, n / 100 % 10, n / 10 % 10, n % 10]))
        .count();
    assert!((1800..2200).contains(&held), "{held} of 10,000 held out");
}

#[test]
fn targets_are_the_reversal_then_eos_and_the_decoder_reads_them_shifted() {
    assert_eq!(target_of(&[1, 2, 3]), vec![3, 2, 1, EOS]);
    let target = as_matrix(&[target_of(&[1, 2]), target_of(&[7, 8])]);
    assert_eq!(target, array![[2, 8], [1, 7], [EOS, EOS]]);
    assert_eq!(decoder_inputs(&target), array![[GO, GO], [2, 8], [1, 7]]);
}

#[test]
fn cross_entropy_matches_its_definition_and_survives_large_scores() {
    let scores = array![[1.0f64, 2.0, 3.0], [0.0, 0.0, 0.0]];
    let (loss, grad) = cross_entropy(scores.view(), &[2, 0]);
    let p = softmax(scores.row(0), 1.0);
    let expected = (-p[2].ln() + 3f64.ln()) / 2.0;
    assert!((loss - expected).abs() < 1e-12);
    assert!((grad[[0, 2]] - (p[2] - 1.0) / 2.0).abs() < 1e-12);
    assert!(
        (grad.sum()).abs() < 1e-12,
        "each row of p − onehot sums to zero"
    );
    let (big, g) = cross_entropy(array![[1000.0f64, -1000.0]].view(), &[1]);
    assert!((big - 2000.0).abs() < 1e-9 && g.iter().all(|v| v.is_finite()));
    let cold = softmax(array![1.0f64, 2.0].view(), 0.01);
    assert!(
        cold[1] > 0.999_999,
        "a low temperature picks the largest score"
    );
}

#[test]
fn gradcheck_seq2seq_encoder_decoder_and_dense() {
    let reports = seq2seq::suite::reports();
    assert_eq!(
        reports[0].1.tensors.len(),
        12 + 12 + 2,
        "every parameter is checked"
    );
    assert_reports(&reports[..1], 1);
}

/// Appendix A: the seq2seq check's worst error is rounding, not a wrong
/// derivative. A larger step shrinks rounding error (about 1/ε); a wrong
/// derivative would not move.
#[test]
fn gradcheck_seq2seq_error_shrinks_with_a_larger_step() {
    let worst = |eps: f64| seq2seq::suite::report_with_step(eps).worst().rel_error;
    let (at_1e6, at_1e5) = (worst(1e-6), worst(1e-5));
    println!(
        "seq2seq worst relative error: {at_1e6:.1e} at eps 1e-6, {at_1e5:.1e} at eps 1e-5"
    );
    assert!(
        at_1e5 < at_1e6 / 3.0,
        "{at_1e5:e} at 1e-5 against {at_1e6:e} at 1e-6"
    );
}

#[test]
fn greedy_decoding_stops_at_eos_and_never_writes_more_than_it_may() {
    let model = Seq2Seq::<f32>::new(8, &mut StdRng::seed_from_u64(4));
    let source = as_matrix(&[vec![1, 2, 3], vec![3, 2, 1]]);
    for answer in model.greedy(&source, 5) {
        assert!(answer.len() <= 5 && !answer.contains(&EOS) && !answer.contains(&GO));
    }
}

#[test]
fn it_learns_to_reverse_short_strings() {
    let config = Seq2SeqConfig {
        task: Task {
            min_len: 2,
            max_len: 3,
        },
        hidden: 32,
        batch_size: 32,
        iterations: 600,
        eval_every: 300,
        test_size: 200,
        lr: 1e-2,
        clip: 1.0,
        seed: 5,
    };
    let (run, model) = train(&config, false);
    let test = test_set(&config.task, 200);
    assert_eq!(
        run.final_exact_match,
        exact_match(&test, &decode_all(&model, &test))
    );
    assert!(
        run.final_exact_match > 0.9,
        "exact match {}",
        run.final_exact_match
    );
    assert!(run.curve.first().unwrap().train_loss > run.curve.last().unwrap().train_loss);
    assert_eq!(run.by_length.iter().map(|l| l.strings).sum::<usize>(), 200);
    let (again, _) = train(&config, false);
    assert_eq!(again.curve, run.curve, "the same seed gives the same run");
}

#[test]
fn recorded_run_reaches_the_required_accuracy() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../book/results/ch04-2-seq2seq.json");
    let recorded = seq2seq::figures::load(&path).unwrap();
    assert!(!recorded.quick, "the book shows the full run, not --quick");
    let run = &recorded.run;
    assert_eq!((run.config.task.min_len, run.config.task.max_len), (3, 8));
    assert_eq!(run.config.test_size, 2000);
    assert!(run.final_exact_match >= 0.95, "{}", run.final_exact_match);
    for l in &run.by_length {
        assert!(
            l.strings > 250 && l.exact_match >= 0.95,
            "length {}: {:?}",
            l.length,
            l
        );
    }
    // The examples shown are the first held-out strings, decoded by this run.
    let test = test_set(&run.config.task, run.config.test_size);
    for (e, s) in run.examples.iter().zip(&test) {
        let digits: String = s.iter().map(|d| char::from(b'0' + *d as u8)).collect();
        assert_eq!(e.input, digits);
    }
}
