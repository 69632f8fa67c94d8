//! The minGRU regressor of chapter 5's adding experiment: its gradients by
//! finite differences, and a short training run that must beat always
//! answering 1.

use adding_problem::settings::Settings;
use future::adding::run_all;
use gradcheck::assert_reports;

#[test]
fn gradcheck_min_gru_regressor_on_the_adding_problem() {
    let report = future::suite::regressor_report();
    assert_reports(&[("minGRU regressor, T = 9".to_owned(), report)], 1);
}

#[test]
fn a_short_min_gru_run_beats_always_answering_one() {
    let settings = Settings {
        lengths: vec![10],
        seeds: vec![3],
        iterations: 600,
        eval_every: 300,
        test_size: 300,
        ..Settings::book(3)
    };
    assert_eq!(settings.schedules().len(), 1);
    let runs = run_all(&settings, 1, false);
    let outcome = &runs[0].outcome;
    assert!(!outcome.diverged);
    assert!(
        outcome.final_test_mse < 0.5 * outcome.baseline_test_mse,
        "test MSE {} against {} for always 1",
        outcome.final_test_mse,
        outcome.baseline_test_mse
    );
}
