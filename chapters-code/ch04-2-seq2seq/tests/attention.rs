//! The encoder–decoder with additive attention: every gradient against
//! finite differences in f64, the checker naming a corrupted gradient, the
//! attention weights, greedy decoding against teacher forcing, and learning.

use gradcheck::suite::{EPS, TOLERANCE, assert_reports};
use layers::softmax::argmax;
use ndarray::{Array2, Axis, s};
use numeric::Scalar;
use rand::SeedableRng;
use rand::rngs::StdRng;
use seq2seq::attention::AttentionSeq2Seq;
use seq2seq::attention_train::{decode_all_attention, train_attention};
use seq2seq::suite::{attention_problem, check_attention};
use seq2seq::task::{EOS, as_matrix};
use seq2seq::train::{exact_match, test_set};

#[test]
fn gradcheck_attention_encoder_decoder_attention_and_dense() {
    let mut p = attention_problem();
    assert_eq!((p.source.dim(), p.target.dim()), ((4, 2), (5, 2)));
    let report = check_attention(&mut p, EPS, |_| {});
    assert_eq!(
        report.tensors.len(),
        12 + 12 + 4 + 2,
        "every parameter is checked"
    );
    for name in [
        "attention.w_a",
        "attention.u_a",
        "attention.b_a",
        "attention.v",
    ] {
        assert!(
            report.tensors.iter().any(|t| t.name == name),
            "{name} checked"
        );
    }
    assert_reports(
        &[(
            "seq2seq with attention, T = 4 → 5, H = 5, A = 4".to_owned(),
            report,
        )],
        1,
    );
}

/// The worst errors are rounding, not a wrong derivative: a larger step
/// shrinks rounding error (about 1/ε); a wrong derivative would not move.
#[test]
fn gradcheck_attention_error_shrinks_with_a_larger_step() {
    let worst = |eps: f64| {
        check_attention(&mut attention_problem(), eps, |_| {})
            .worst()
            .rel_error
    };
    let (at_1e6, at_1e5) = (worst(1e-6), worst(1e-5));
    println!(
        "attention worst relative error: {at_1e6:.1e} at eps 1e-6, {at_1e5:.1e} at eps 1e-5"
    );
    assert!(
        at_1e5 < at_1e6 / 3.0,
        "{at_1e5:e} at 1e-5 against {at_1e6:e} at 1e-6"
    );
}

#[test]
fn gradcheck_attention_names_a_corrupted_gradient() {
    let mut p = attention_problem();
    let report = check_attention(&mut p, EPS, |named| {
        let (_, u_a) = named
            .iter_mut()
            .find(|(name, _)| name == "attention.u_a")
            .expect("U_a has a gradient");
        u_a[[1, 2]] += 1e-3;
    });
    let failures = report.failures(TOLERANCE);
    assert_eq!(failures.len(), 1, "{report}");
    assert_eq!(
        (
            failures[0].name.as_str(),
            failures[0].worst_index.as_slice()
        ),
        ("attention.u_a", &[1, 2][..])
    );
}

#[test]
fn attention_weights_are_a_distribution_over_the_source() {
    let p = attention_problem();
    let (_, trace) = p.model.forward(&p.source, &p.target);
    let weights = trace.weights();
    assert_eq!(weights.dim(), (5, 2, 4), "(T_out, B, T_in)");
    assert!(weights.iter().all(|&a| (0.0..=1.0).contains(&a)));
    for total in weights.sum_axis(Axis(2)) {
        assert!((total - 1.0).abs() < 1e-12, "weights sum to {total}");
    }
    // Not uniform: the check above would pass for a model that ignores the source.
    assert!(weights.iter().any(|&a| (a - 0.25).abs() > 0.1));
    // The context is the weighted sum of the encoder states.
    let step = &trace.steps[2].attention;
    let hs = trace.states();
    let by_hand = (0..4).fold(Array2::<f64>::zeros((2, 5)), |c, j| {
        c + &hs.index_axis(Axis(0), j) * &step.alpha.slice(s![.., j..j + 1])
    });
    assert!((&by_hand - &step.context).iter().all(|d| d.abs() < 1e-12));
}

#[test]
fn one_source_position_takes_all_the_weight() {
    let p = attention_problem();
    let source = as_matrix(&[vec![7], vec![2]]);
    let (_, trace) = p
        .model
        .forward(&source, &as_matrix(&[vec![7, EOS], vec![2, EOS]]));
    for step in &trace.steps {
        assert!(
            step.attention
                .alpha
                .iter()
                .all(|&a| (a - 1.0).abs() < 1e-15)
        );
        let h_1 = trace.states().index_axis(Axis(0), 0).to_owned();
        assert!(
            (&step.attention.context - &h_1)
                .iter()
                .all(|d| d.abs() < 1e-15)
        );
    }
}

/// Greedy decoding feeds the decoder its own answers; teacher forcing with
/// those answers as the target must then retrace the same steps: the best
/// score at every step is the answer, and the attention weights are the same
/// (up to `tolerance`), one sequence at a time against the whole batch.
/// `sources` must have one length. Returns how many sequences wrote EOS.
fn assert_greedy_retraces<F: Scalar>(
    model: &AttentionSeq2Seq<F>,
    sources: &[Vec<usize>],
    max_steps: usize,
    tolerance: f64,
) -> usize {
    let (written, maps) = model.greedy(&as_matrix(sources), max_steps);
    assert_eq!((written.len(), maps.len()), (sources.len(), sources.len()));
    let mut stopped = 0;
    for (b, source) in sources.iter().enumerate() {
        let mut target = written[b].clone();
        if maps[b].nrows() > written[b].len() {
            target.push(EOS);
            stopped += 1;
        }
        assert_eq!(maps[b].dim(), (target.len(), source.len()), "sequence {b}");
        let (_, trace) = model.forward(
            &as_matrix(std::slice::from_ref(source)),
            &as_matrix(std::slice::from_ref(&target)),
        );
        let outputs = trace.outputs();
        let scores = model.dense.forward(outputs.index_axis(Axis(1), 0));
        let best: Vec<usize> = scores.rows().into_iter().map(argmax).collect();
        assert_eq!(best, target, "sequence {b}");
        let weights = trace.weights().index_axis(Axis(1), 0).to_owned();
        let gap = (&weights - &maps[b]).fold(0.0, |m, d| d.to_f64_lossless().abs().max(m));
        assert!(
            gap < tolerance,
            "sequence {b}: {weights} against {}",
            maps[b]
        );
    }
    stopped
}

#[test]
fn greedy_decoding_retraces_teacher_forcing_on_its_own_answers() {
    let p = attention_problem();
    let sources = [vec![3, 1, 4, 1], vec![5, 9, 2, 6], vec![0, 0, 7, 8]];
    // This untrained model never writes EOS in 6 steps: every step is compared.
    assert_eq!(assert_greedy_retraces(&p.model, &sources, 6, 1e-12), 0);
}

#[test]
fn greedy_decoding_with_attention_stops_and_never_writes_more_than_it_may() {
    let model = AttentionSeq2Seq::<f32>::new(8, 6, &mut StdRng::seed_from_u64(4));
    let source = as_matrix(&[vec![1, 2, 3], vec![3, 2, 1]]);
    let (written, maps) = model.greedy(&source, 5);
    for (answer, map) in written.iter().zip(&maps) {
        assert!(answer.len() <= 5 && !answer.contains(&EOS));
        assert!(map.nrows() == answer.len() || map.nrows() == answer.len() + 1);
    }
    let (nothing, no_maps) = model.greedy(&source, 0);
    assert!(nothing.iter().all(Vec::is_empty) && no_maps.iter().all(|m| m.nrows() == 0));
}

/// A few hundred updates (not a full run) on strings of 3 to 6 digits: the
/// loss falls, most held-out strings are reversed already, and the attention
/// has learnt where to look: to write the t-th digit of the answer, the
/// source's t-th digit from the end.
#[test]
fn a_few_hundred_updates_with_attention_learn_to_look_at_the_reversed_position() {
    // The settings of the book's attention map, with another seed.
    let config = seq2seq::attention_figure::map_config(5);
    let (run, model) = train_attention(&config, false);
    let first = run.curve.first().unwrap().train_loss;
    let last = run.curve.last().unwrap().train_loss;
    println!(
        "attention: loss {first:.3} → {last:.3}, exact match {}",
        run.final_exact_match
    );
    assert!(last < 0.5 * first, "loss {first} → {last}");
    assert!(
        run.final_exact_match > 0.9,
        "exact match {}",
        run.final_exact_match
    );
    let test = test_set(&config.task, 100);
    assert_eq!(
        run.final_exact_match,
        exact_match(&test, &decode_all_attention(&model, &test))
    );
    // Step t (from 0) of a string of T_in digits writes digit T_in − 1 − t.
    let (mut on, mut steps) = (0, 0);
    for s in &test {
        let (_, maps) = model.greedy(&as_matrix(std::slice::from_ref(s)), s.len() + 2);
        for t in 0..s.len().min(maps[0].nrows()) {
            steps += 1;
            on += usize::from(argmax(maps[0].row(t)) == s.len() - 1 - t);
        }
    }
    println!("largest weight on the reversed position: {on} of {steps} steps");
    assert!(on as f64 > 0.9 * steps as f64, "{on} of {steps}");
    // The trained model writes EOS: greedy and teacher forcing agree on that step too.
    let fives: Vec<Vec<usize>> = test.iter().filter(|s| s.len() == 5).cloned().collect();
    assert!(assert_greedy_retraces(&model, &fives, 7, 1e-5) > 0);
}
