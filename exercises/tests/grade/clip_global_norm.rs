//! Grades exercises/src/clip_global_norm.rs: the norm returned, no change
//! below the limit, the exact length and the direction above it, and
//! agreement with the book's `layers::adam::clip_global_norm`.

use exercises::clip_global_norm::clip_global_norm;
use ndarray::{ArrayD, IxDyn};
use numeric::random::random;

use crate::check::{assert_close, rng};

/// Three gradients of different shapes.
fn gradients(seed: u64, scale: f64) -> Vec<ArrayD<f64>> {
    let mut rng = rng(seed);
    vec![
        random(IxDyn(&[3, 4]), scale, &mut rng),
        random(IxDyn(&[5]), scale, &mut rng),
        random(IxDyn(&[2, 2, 2]), scale, &mut rng),
    ]
}

fn global_norm(grads: &[ArrayD<f64>]) -> f64 {
    grads
        .iter()
        .map(|g| g.iter().map(|v| v * v).sum::<f64>())
        .sum::<f64>()
        .sqrt()
}

#[test]
fn check_1_returns_the_global_norm_of_all_the_arrays_together() {
    let mut grads = gradients(1, 1.0);
    let expected = global_norm(&grads);
    let norm = clip_global_norm(&mut grads, 1e9);
    assert!(
        (norm - expected).abs() <= 1e-12 * expected,
        "the norm returned is {norm}, but the global norm of the three arrays is {expected} \
         (the square root of the sum of the squares of every element of every array)"
    );
}

#[test]
fn check_2_leaves_gradients_below_the_limit_unchanged() {
    let mut grads = gradients(2, 0.1);
    let before = grads.clone();
    let limit = global_norm(&grads) * 1.5;
    clip_global_norm(&mut grads, limit);
    for (k, (g, b)) in grads.iter().zip(&before).enumerate() {
        assert_close(
            &format!("gradient {k} (its norm was below the limit)"),
            g,
            b,
            0.0,
        );
    }
}

#[test]
fn check_3_scales_to_the_limit_and_keeps_the_direction() {
    let mut grads = gradients(3, 10.0);
    let before = grads.clone();
    let norm = global_norm(&grads);
    let limit = 1.0;
    clip_global_norm(&mut grads, limit);
    let after = global_norm(&grads);
    assert!(
        (after - limit).abs() <= 1e-12,
        "after clipping to {limit} the global norm is {after}; it should be exactly {limit}"
    );
    for (k, (g, b)) in grads.iter().zip(&before).enumerate() {
        let expected = b * (limit / norm);
        assert_close(
            &format!("gradient {k}, scaled by max_norm / norm"),
            g,
            &expected,
            1e-12,
        );
    }
}

#[test]
fn check_4_agrees_with_the_book_on_random_gradients() {
    for seed in 4..8 {
        let mut grads = gradients(seed, 2.0);
        let mut named: Vec<(String, ArrayD<f64>)> = grads
            .iter()
            .enumerate()
            .map(|(k, g)| (k.to_string(), g.clone()))
            .collect();
        let expected = layers::adam::clip_global_norm(&mut named, 3.0);
        let norm = clip_global_norm(&mut grads, 3.0);
        assert!(
            (norm - expected).abs() <= 1e-12 * expected,
            "the norm returned is {norm}, the book's clip_global_norm returns {expected}"
        );
        for (k, (g, (_, e))) in grads.iter().zip(&named).enumerate() {
            assert_close(&format!("gradient {k}"), g, e, 1e-12);
        }
    }
}

#[test]
fn check_5_all_zero_gradients_stay_zero_without_a_division_by_zero() {
    let mut grads = vec![ArrayD::zeros(IxDyn(&[2, 3]))];
    let norm = clip_global_norm(&mut grads, 1.0);
    assert_eq!(norm, 0.0, "the norm of all-zero gradients is 0, not {norm}");
    assert!(
        grads[0].iter().all(|v| *v == 0.0),
        "all-zero gradients must stay zero (a NaN means a division by the zero norm): {:?}",
        grads[0]
    );
}
