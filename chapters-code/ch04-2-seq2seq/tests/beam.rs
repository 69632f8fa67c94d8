//! Beam search on small random models: width 1 is greedy, wider beams find
//! answers at least as likely, and every log-probability can be recomputed.

use ndarray::{Array2, Axis};
use numeric::Scalar;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use seq2seq::beam::{Hypothesis, beam_search};
use seq2seq::model::Seq2Seq;
use seq2seq::task::{DIGITS, EOS, GO, as_matrix, one_hot};

const MAX_STEPS: usize = 7;

/// A random model whose EOS bias is raised by `eos_bias`, so that some answers finish.
fn random_model<F: Scalar>(seed: u64, eos_bias: f64) -> Seq2Seq<F> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut model = Seq2Seq::<F>::new(8, &mut rng);
    // Sharper scores than the initialisation gives, so that choices matter.
    model.dense.w.mapv_inplace(|w| w * F::lit(6.0));
    model.dense.b[EOS] += F::lit(eos_bias);
    model
}

fn random_source(rng: &mut impl Rng) -> Vec<usize> {
    let len = rng.random_range(3..=6);
    (0..len).map(|_| rng.random_range(0..DIGITS)).collect()
}

/// log softmax of one row of scores, written out independently of the crate.
fn log_softmax(row: &[f64]) -> Vec<f64> {
    let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let log_sum = max + row.iter().map(|z| (z - max).exp()).sum::<f64>().ln();
    row.iter().map(|z| z - log_sum).collect()
}

/// Teacher-force `tokens` (then EOS if `finished`) through the decoder and sum
/// the log-probabilities of the tokens, one step at a time.
fn path_log_prob<F: Scalar>(
    model: &Seq2Seq<F>,
    source: &[usize],
    tokens: &[usize],
    finished: bool,
) -> f64 {
    let enc = model.encoder.forward(
        one_hot::<F>(&as_matrix(&[source.to_vec()])).view(),
        None,
        None,
    );
    let (mut h, mut c) = (enc.last_h().to_owned(), enc.last_c().to_owned());
    let mut path = tokens.to_vec();
    if finished {
        path.push(EOS);
    }
    let mut previous = GO;
    let mut total = 0.0;
    for &token in &path {
        let x =
            one_hot::<F>(&Array2::from_elem((1, 1), previous)).index_axis_move(Axis(0), 0);
        let step = model.decoder.step(x.view(), h.view(), c.view());
        let scores = model.dense.forward(step.h.view());
        let row: Vec<f64> = scores.row(0).iter().map(|z| z.to_f64_lossless()).collect();
        total += log_softmax(&row)[token];
        previous = token;
        (h, c) = (step.h, step.c);
    }
    total
}

fn greedy_one<F: Scalar>(model: &Seq2Seq<F>, source: &[usize]) -> Vec<usize> {
    model
        .greedy(&as_matrix(&[source.to_vec()]), MAX_STEPS)
        .remove(0)
}

fn check_width_one_is_greedy<F: Scalar>() {
    let mut rng = StdRng::seed_from_u64(99);
    let mut finished = [0, 0];
    for seed in 0..8 {
        let model = random_model::<F>(seed, seed as f64 * 0.5);
        for _ in 0..5 {
            let source = random_source(&mut rng);
            let greedy = greedy_one(&model, &source);
            let beam = beam_search(&model, &source, 1, MAX_STEPS, 0.0);
            assert_eq!(beam.len(), 1, "width 1 gives one answer");
            assert_eq!(beam[0].tokens, greedy, "seed {seed}, source {source:?}");
            assert_eq!(beam[0].finished, greedy.len() < MAX_STEPS);
            finished[usize::from(beam[0].finished)] += 1;
        }
    }
    assert!(
        finished[0] > 0 && finished[1] > 0,
        "both kinds of answer: {finished:?}"
    );
}

#[test]
fn width_one_is_greedy_decoding() {
    check_width_one_is_greedy::<f64>();
    check_width_one_is_greedy::<f32>();
}

#[test]
fn wider_beams_are_at_least_as_likely_as_greedy() {
    let mut rng = StdRng::seed_from_u64(7);
    let mut strictly_better = 0;
    for seed in 0..6 {
        let model = random_model::<f64>(100 + seed, seed as f64 * 0.6);
        for _ in 0..4 {
            let source = random_source(&mut rng);
            let greedy = greedy_one(&model, &source);
            let greedy_lp =
                path_log_prob(&model, &source, &greedy, greedy.len() < MAX_STEPS);
            for width in [2, 4, 8] {
                let best = &beam_search(&model, &source, width, MAX_STEPS, 0.0)[0];
                assert!(
                    best.log_prob >= greedy_lp - 1e-9,
                    "seed {seed}, width {width}: beam {} < greedy {greedy_lp}",
                    best.log_prob
                );
                strictly_better += usize::from(best.log_prob > greedy_lp + 1e-9);
            }
        }
    }
    assert!(strictly_better > 0, "the beam never improved on greedy");
}

#[test]
fn log_prob_is_the_sum_along_the_tokens() {
    let mut rng = StdRng::seed_from_u64(3);
    for seed in 0..4 {
        let model = random_model::<f64>(200 + seed, 1.0 + seed as f64);
        let source = random_source(&mut rng);
        for hyp in beam_search(&model, &source, 4, MAX_STEPS, 0.5) {
            let recomputed = path_log_prob(&model, &source, &hyp.tokens, hyp.finished);
            assert!(
                (hyp.log_prob - recomputed).abs() < 1e-9,
                "{hyp:?}: recomputed {recomputed}"
            );
        }
    }
}

fn check_shape_of_answers(answers: &[Hypothesis], width: usize, alpha: f64) {
    assert!(!answers.is_empty() && answers.len() <= width);
    for pair in answers.windows(2) {
        assert!(
            pair[0].score(alpha) >= pair[1].score(alpha),
            "not sorted: {pair:?}"
        );
    }
    for hyp in answers {
        assert!(!hyp.tokens.contains(&EOS), "EOS among the tokens: {hyp:?}");
        assert!(hyp.tokens.len() <= MAX_STEPS);
        assert!(hyp.finished || hyp.tokens.len() == MAX_STEPS);
        assert!(hyp.log_prob <= 0.0);
    }
}

#[test]
fn answers_are_sorted_free_of_eos_and_short_enough() {
    let mut rng = StdRng::seed_from_u64(11);
    for seed in 0..4 {
        let model = random_model::<f64>(300 + seed, seed as f64);
        let source = random_source(&mut rng);
        for width in [1, 3, 5] {
            for alpha in [0.0, 0.6, 1.0] {
                let answers = beam_search(&model, &source, width, MAX_STEPS, alpha);
                check_shape_of_answers(&answers, width, alpha);
            }
        }
    }
}

#[test]
fn a_model_that_always_prefers_eos_answers_nothing() {
    let mut model = random_model::<f64>(400, 0.0);
    model.dense.w.fill(0.0);
    model.dense.b.fill(0.0);
    model.dense.b[EOS] = 20.0;
    let answers = beam_search(&model, &[1, 2, 3], 4, MAX_STEPS, 0.0);
    assert!(
        answers[0].tokens.is_empty() && answers[0].finished,
        "{answers:?}"
    );
    assert!(answers[0].log_prob > -1e-6);
    assert_eq!(answers.len(), 4);
    assert!(answers.iter().all(|h| h.finished));
}
