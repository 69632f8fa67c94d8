//! The adding problem's data, and training on it.

use adding_problem::settings::Settings;
use faq_experiments::adding::{BASELINE_MSE, adding_batch, baseline_mse};
use faq_experiments::q1_gradients::GradientSettings;
use faq_experiments::q2_adding::{AddingSweep, run_all};
use faq_experiments::train::{AddingConfig, Optimiser, Schedule, train_adding};
use layers::adam::AdamConfig;
use rand::SeedableRng;
use rand::rngs::StdRng;
use recurrent::CellKind;

#[test]
fn every_sequence_has_one_marker_in_each_half_and_the_target_is_their_sum() {
    let mut rng = StdRng::seed_from_u64(5);
    for steps in [2, 3, 10, 51] {
        let batch = adding_batch::<f64>(steps, 40, &mut rng);
        assert_eq!(batch.x.dim(), (steps, 40, 2));
        for b in 0..40 {
            let marked: Vec<usize> =
                (0..steps).filter(|&t| batch.x[[t, b, 1]] == 1.0).collect();
            assert_eq!(
                marked.len(),
                2,
                "T = {steps}, sequence {b}: markers at {marked:?}"
            );
            assert!(
                marked[0] < steps / 2 && marked[1] >= steps / 2,
                "T = {steps}: {marked:?}"
            );
            let sum = batch.x[[marked[0], b, 0]] + batch.x[[marked[1], b, 0]];
            assert_eq!(batch.y[b], sum);
            assert!((0..steps).all(|t| (0.0..1.0).contains(&batch.x[[t, b, 0]])));
            let zeros = (0..steps).filter(|&t| batch.x[[t, b, 1]] == 0.0).count();
            assert_eq!(zeros, steps - 2, "every other marker is 0");
        }
    }
}

#[test]
fn always_answering_one_scores_about_one_sixth() {
    let mut rng = StdRng::seed_from_u64(6);
    let batch = adding_batch::<f64>(20, 40_000, &mut rng);
    let mse = baseline_mse(&batch.y);
    // The standard error of the mean of (a + b − 1)² over 40,000 draws is about 0.001.
    assert!((mse - BASELINE_MSE).abs() < 0.005, "baseline MSE {mse}");
}

fn config(cell: CellKind, iterations: usize) -> AddingConfig {
    AddingConfig {
        cell,
        hidden: 16,
        w_hh_gain: None,
        schedule: Schedule {
            length: 10,
            batch_size: 32,
            iterations,
            eval_every: 100,
            test_size: 300,
            optimiser: Optimiser::Adam(AdamConfig {
                lr: 1e-2,
                ..AdamConfig::default()
            }),
            clip: Some(1.0),
            seed: 3,
        },
    }
}

#[test]
fn the_lstm_and_the_gru_learn_the_adding_problem_at_t_10() {
    for cell in [CellKind::Lstm, CellKind::Gru] {
        let (run, _) = train_adding::<f32>(&config(cell, 800), None);
        assert!(!run.diverged);
        assert!(
            run.final_test_mse < 0.02 && run.final_test_mse < run.baseline_test_mse / 8.0,
            "{cell:?}: test MSE {} (baseline {})",
            run.final_test_mse,
            run.baseline_test_mse
        );
        assert_eq!(run.curve.len(), 8);
        assert_eq!(run.curve.last().unwrap().test_mse, run.final_test_mse);
    }
}

#[test]
fn the_same_seed_gives_the_same_run_whatever_the_number_of_threads() {
    let mut sweep = AddingSweep::quick(9);
    sweep.settings.iterations = 40;
    sweep.settings.eval_every = 20;
    sweep.settings.lengths = vec![6];
    let configs = sweep.configs();
    assert_eq!(configs.len(), 3);
    let strip = |runs: Vec<faq_experiments::train::AddingRun>| {
        runs.into_iter()
            .map(|mut r| {
                r.outcome.seconds = 0.0;
                r
            })
            .collect::<Vec<_>>()
    };
    let one = strip(run_all(&configs, 1, false));
    let two = strip(run_all(&configs, 2, false));
    assert_eq!(one, two);
    let other_seed = strip(run_all(
        &AddingSweep {
            settings: Settings {
                seeds: vec![10],
                ..sweep.settings
            },
            ..sweep
        }
        .configs(),
        2,
        false,
    ));
    assert_ne!(one[0].curve, other_seed[0].curve);
}

#[test]
fn a_run_whose_loss_overflows_is_reported_as_diverged() {
    let mut c = config(CellKind::Rnn, 200);
    c.schedule.optimiser = Optimiser::Sgd { lr: 1e12 };
    c.schedule.clip = None;
    let (run, _) = train_adding::<f32>(&c, None);
    assert!(run.diverged, "SGD with lr 1e12 must blow up");
    assert_eq!(run.final_test_mse, f64::INFINITY);
    assert!(run.curve.len() < 2, "training stops at the divergence");
}

#[test]
fn clipping_tames_the_exploding_run_of_the_book() {
    // The book's exploding configuration (W_hh with every singular value 1.5,
    // plain SGD), shortened: the unclipped loss explodes, the clipped one
    // stays near the baseline.
    let mut c = GradientSettings::full(1).exploding;
    c.schedule.iterations = 60;
    c.schedule.eval_every = 10;
    c.schedule.test_size = 200;
    let (free, _) = train_adding::<f32>(&c, None);
    c.schedule.clip = Some(1.0);
    let (clipped, _) = train_adding::<f32>(&c, None);
    let worst = |r: &faq_experiments::train::AddingRun| {
        r.curve.iter().map(|p| p.train_loss).fold(0.0, f64::max)
    };
    assert!(
        worst(&free) > 100.0 * worst(&clipped),
        "unclipped worst loss {} vs clipped {}",
        worst(&free),
        worst(&clipped)
    );
    assert!(
        clipped.final_test_mse < 1.0,
        "clipped: {}",
        clipped.final_test_mse
    );
}
