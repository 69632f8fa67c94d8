//! What every grader uses: comparisons of arrays that say, in words, where
//! and by how much a learner's result is off, and the book's gradient
//! checker with a verdict phrased the same way.

use gradcheck::{Checkable, EPS, GradReport, TOLERANCE, check_gradients};
use ndarray::{ArrayBase, Data, Dimension, IntoDimension};
use numeric::params::Params;
use rand::SeedableRng;
use rand::rngs::StdRng;

/// The random numbers of a check, the same at every run.
pub fn rng(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

/// Panics, in words, unless `yours` has the shape of `expected` and every
/// element is within `tolerance` of it (relative to the larger magnitude,
/// and absolutely for numbers near zero).
pub fn assert_close<S, T, D>(
    what: &str,
    yours: &ArrayBase<S, D>,
    expected: &ArrayBase<T, D>,
    tolerance: f64,
) where
    S: Data<Elem = f64>,
    T: Data<Elem = f64>,
    D: Dimension,
{
    assert!(
        yours.shape() == expected.shape(),
        "{what} has shape {:?}, but should have shape {:?}",
        yours.shape(),
        expected.shape()
    );
    let mut worst: Option<(Vec<usize>, f64, f64, f64)> = None;
    let mut wrong = 0;
    for ((index, &y), &e) in yours.indexed_iter().zip(expected.iter()) {
        let error = (y - e).abs() / e.abs().max(y.abs()).max(1.0);
        if error > tolerance || y.is_nan() {
            wrong += 1;
            if worst.as_ref().is_none_or(|w| error > w.3 || y.is_nan()) {
                let at = index.into_dimension().slice().to_vec();
                worst = Some((at, y, e, error));
            }
        }
    }
    if let Some((at, y, e, _)) = worst {
        panic!(
            "{what} is off at index {at:?}: yours is {y:+.6}, it should be {e:+.6} \
             (difference {:.2e}); {wrong} of {} elements are off",
            (y - e).abs(),
            yours.len()
        );
    }
}

/// Runs the book's gradient checker on `problem` with `analytic` (the
/// learner's gradients, named as the problem names its tensors) and panics,
/// in words, naming the worst tensor and element if any is off.
pub fn assert_gradients(problem: &mut impl Checkable, analytic: &impl Params<f64>) {
    let report: GradReport = check_gradients(problem, analytic, EPS);
    let failures = report.failures(TOLERANCE);
    if let Some(worst) = failures
        .iter()
        .max_by(|a, b| a.rel_error.total_cmp(&b.rel_error))
    {
        let names: Vec<&str> = failures.iter().map(|t| t.name.as_str()).collect();
        panic!(
            "the gradient of {} is off at index {:?}: yours is {:+.6}, finite differences \
             give {:+.6} (relative error {:.1e}, tolerance {:.0e}); the tensors whose \
             gradients are off: {}",
            worst.name,
            worst.worst_index,
            worst.analytic,
            worst.numeric,
            worst.rel_error,
            TOLERANCE,
            names.join(", ")
        );
    }
}
