//! Grades exercises/src/masked_loss.rs: no mask is the book's loss, padding
//! changes nothing, agreement with the book on the real steps, finite
//! differences, and no real step at all.

use exercises::masked_loss::masked_bce;
use gradcheck::Checkable;
use ndarray::{Array1, Array2};
use numeric::random::random;
use rand::Rng;

use crate::check::{assert_close, assert_gradients, rng};

/// Logits, labels and a mask of (T, B) = (6, 4) with about a third padding.
fn batch(seed: u64) -> (Array2<f64>, Array2<f64>, Array2<f64>) {
    let mut rng = rng(seed);
    let z: Array2<f64> = random((6, 4), 2.0, &mut rng);
    let y = Array2::from_shape_simple_fn((6, 4), || f64::from(rng.random_bool(0.5)));
    let mut mask =
        Array2::from_shape_simple_fn((6, 4), || f64::from(rng.random_bool(0.65)));
    mask[[0, 0]] = 1.0;
    (z, y, mask)
}

/// The book's loss on the real steps only, and its gradient put back.
fn expected(z: &Array2<f64>, y: &Array2<f64>, mask: &Array2<f64>) -> (f64, Array2<f64>) {
    let real: Vec<(usize, usize)> = mask
        .indexed_iter()
        .filter(|&(_, &m)| m == 1.0)
        .map(|(at, _)| at)
        .collect();
    let pick = |a: &Array2<f64>| real.iter().map(|&at| a[at]).collect::<Array1<f64>>();
    let (loss, d) = layers::loss::bce_with_logits(pick(z).view(), pick(y).view());
    let mut dz = Array2::zeros(z.dim());
    for (&at, d) in real.iter().zip(d) {
        dz[at] = d;
    }
    (loss, dz)
}

fn assert_loss(what: &str, yours: f64, expected: f64) {
    assert!(
        (yours - expected).abs() <= 1e-12 * expected.abs().max(1.0),
        "{what}: your loss is {yours:.12}, it should be {expected:.12}"
    );
}

#[test]
fn check_1_with_no_padding_it_is_the_books_mean_cross_entropy() {
    let (z, y, _) = batch(1);
    let ones = Array2::ones(z.dim());
    let (loss, dz) = masked_bce(z.view(), y.view(), ones.view());
    let (e_loss, e_dz) = expected(&z, &y, &ones);
    assert_loss("with every step real", loss, e_loss);
    assert_close("dz with every step real", &dz, &e_dz, 1e-12);
}

#[test]
fn check_2_padding_changes_nothing_and_gets_no_gradient() {
    let (z, y, mask) = batch(2);
    let (loss, dz) = masked_bce(z.view(), y.view(), mask.view());
    // Whatever the logits and labels on padded steps are, nothing changes.
    let mut other_z = z.clone();
    let mut other_y = y.clone();
    for ((at, &m), (z, y)) in mask
        .indexed_iter()
        .zip(other_z.iter_mut().zip(other_y.iter_mut()))
    {
        if m == 0.0 {
            *z = 40.0 + at.0 as f64;
            *y = 1.0 - *y;
        }
    }
    let (loss2, _) = masked_bce(other_z.view(), other_y.view(), mask.view());
    assert_loss(
        "after changing the logits and labels of padded steps only",
        loss2,
        loss,
    );
    for ((at, &m), &d) in mask.indexed_iter().zip(dz.iter()) {
        assert!(
            m == 1.0 || d == 0.0,
            "dz at padded step {at:?} is {d}; padding must get no gradient"
        );
    }
}

#[test]
fn check_3_agrees_with_the_book_on_the_real_steps() {
    for seed in 3..8 {
        let (z, y, mask) = batch(seed);
        let (loss, dz) = masked_bce(z.view(), y.view(), mask.view());
        let (e_loss, e_dz) = expected(&z, &y, &mask);
        assert_loss(
            &format!(
                "batch {seed} (the mean is over the {} real steps)",
                mask.sum()
            ),
            loss,
            e_loss,
        );
        assert_close(&format!("dz of batch {seed}"), &dz, &e_dz, 1e-12);
    }
}

/// The loss as a function of the logits, for the gradient checker.
struct Logits {
    z: Array2<f64>,
    y: Array2<f64>,
    mask: Array2<f64>,
}

numeric::params! { Logits as f64 { z } }

impl Checkable for Logits {
    fn loss(&self) -> f64 {
        masked_bce(self.z.view(), self.y.view(), self.mask.view()).0
    }
}

struct LogitGrad {
    z: Array2<f64>,
}

numeric::params! { LogitGrad as f64 { z } }

#[test]
fn check_4_the_gradient_agrees_with_finite_differences() {
    let (z, y, mask) = batch(9);
    let (_, dz) = masked_bce(z.view(), y.view(), mask.view());
    assert_gradients(&mut Logits { z, y, mask }, &LogitGrad { z: dz });
}

#[test]
fn check_5_with_no_real_step_the_loss_is_zero_not_nan() {
    let (z, y, _) = batch(10);
    let none = Array2::zeros(z.dim());
    let (loss, dz) = masked_bce(z.view(), y.view(), none.view());
    assert!(
        loss == 0.0 && dz.iter().all(|&d| d == 0.0),
        "with every step padded the loss should be 0 and the gradient all zeros; \
         yours gives loss {loss} (NaN means a division by the zero count of real steps)"
    );
}
