//! Grades exercises/src/adam.rs: the first step by hand, the moments, and
//! agreement with the book's `layers::adam::Adam` over many updates.

use exercises::adam::adam_update;
use layers::adam::{Adam, AdamConfig};
use ndarray::{ArrayD, IxDyn};
use numeric::random::random;

use crate::check::{assert_close, rng};

fn zeros(shape: &[usize]) -> ArrayD<f64> {
    ArrayD::zeros(IxDyn(shape))
}

#[test]
fn check_1_the_first_step_moves_each_element_by_about_lr_against_its_gradient() {
    let config = AdamConfig::default();
    let mut rng = rng(1);
    let grad: ArrayD<f64> = random(IxDyn(&[3, 4]), 1.0, &mut rng);
    let mut theta = zeros(&[3, 4]);
    let (mut m, mut v) = (zeros(&[3, 4]), zeros(&[3, 4]));
    adam_update(&mut theta, &grad, &mut m, &mut v, 1, &config);
    // m = (1 − β1) g, v = (1 − β2) g², α_1 = lr √(1 − β2) / (1 − β1).
    let m_expected = &grad * (1.0 - config.beta1);
    let v_expected = grad.mapv(|g| (1.0 - config.beta2) * g * g);
    assert_close("m after the first update", &m, &m_expected, 1e-12);
    assert_close("v after the first update", &v, &v_expected, 1e-12);
    let alpha = config.lr * (1.0 - config.beta2).sqrt() / (1.0 - config.beta1);
    let expected = ndarray::Zip::from(&m_expected)
        .and(&v_expected)
        .map_collect(|&m, &v| -alpha * m / (v.sqrt() + config.epsilon));
    assert_close(
        "theta after the first update (from 0)",
        &theta,
        &expected,
        1e-9,
    );
}

#[test]
fn check_2_agrees_with_the_book_over_twenty_updates() {
    let config = AdamConfig {
        lr: 0.01,
        ..AdamConfig::default()
    };
    let mut rng = rng(2);
    let start: ArrayD<f64> = random(IxDyn(&[2, 5]), 1.0, &mut rng);
    let mut theta = start.clone();
    let (mut m, mut v) = (zeros(&[2, 5]), zeros(&[2, 5]));
    let mut book = Adam::<f64>::new(config);
    let mut params = vec![("theta".to_owned(), start)];
    for t in 1..=20 {
        let grad: ArrayD<f64> = random(IxDyn(&[2, 5]), 1.0, &mut rng);
        adam_update(&mut theta, &grad, &mut m, &mut v, t, &config);
        book.update(&mut params, &vec![("theta".to_owned(), grad)]);
        let (bm, bv) = &book.moments["theta"];
        assert_close(&format!("m after update {t}"), &m, bm, 1e-9);
        assert_close(&format!("v after update {t}"), &v, bv, 1e-9);
        assert_close(
            &format!("theta after update {t}"),
            &theta,
            &params[0].1,
            1e-9,
        );
    }
}

#[test]
fn check_3_uses_the_update_number_in_the_bias_correction() {
    // The same moments and gradient at t = 1 and t = 50 must give different
    // steps: α_t depends on t.
    let config = AdamConfig::default();
    let grad = ArrayD::from_elem(IxDyn(&[1]), 0.5);
    let step = |t| {
        let mut theta = zeros(&[1]);
        let (mut m, mut v) = (
            ArrayD::from_elem(IxDyn(&[1]), 0.2),
            ArrayD::from_elem(IxDyn(&[1]), 0.1),
        );
        adam_update(&mut theta, &grad, &mut m, &mut v, t, &config);
        theta[[0]]
    };
    let (early, late) = (step(1), step(50));
    let m = config.beta1 * 0.2 + (1.0 - config.beta1) * 0.5;
    let v = config.beta2 * 0.1 + (1.0 - config.beta2) * 0.25;
    let alpha = |t: i32| {
        config.lr * (1.0 - config.beta2.powi(t)).sqrt() / (1.0 - config.beta1.powi(t))
    };
    let expected = |t| -alpha(t) * m / (v.sqrt() + config.epsilon);
    assert!(
        (early - expected(1)).abs() < 1e-12 && (late - expected(50)).abs() < 1e-12,
        "with the same moments and gradient, update 1 should move theta by {:+.6e} and \
         update 50 by {:+.6e}; yours moved it by {early:+.6e} and {late:+.6e}",
        expected(1),
        expected(50)
    );
}
