//! What every grader uses: comparisons of arrays that say, in words, where
//! and by how much a learner's result is off, and the book's gradient
//! checker with a verdict phrased the same way.

use gradcheck::{Checkable, EPS, GradReport, TOLERANCE, check_gradients};
use ndarray::{ArrayBase, Data, Dimension, IntoDimension};
use numeric::params::{Params, ParamsMut, to_named};
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

/// Panics, in words, unless every tensor of `yours` is close to the tensor
/// of the same name in `expected` (gradients named as their parameters).
/// `after` is added to each tensor's name in the message.
pub fn assert_named_close(
    yours: &impl Params<f64>,
    expected: &impl Params<f64>,
    after: &str,
) {
    let (yours, expected) = (to_named(yours), to_named(expected));
    assert_eq!(
        yours.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        expected.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "the gradients should be named as the parameters"
    );
    for ((name, y), (_, e)) in yours.iter().zip(&expected) {
        assert_close(&format!("grads.{name}{after}"), y, e, 1e-9);
    }
}

/// Panics, in words, unless every gradient of `grads` has the shape of the
/// parameter of the same name in `params`.
pub fn assert_shapes_of_params(grads: &impl Params<f64>, params: &impl Params<f64>) {
    for ((name, g), (_, p)) in to_named(grads).into_iter().zip(to_named(params)) {
        assert_eq!(
            g.shape(),
            p.shape(),
            "grads.{name} should keep the shape of the parameter {name}"
        );
    }
}

/// Panics, in words, unless `run` *adds* its shares into the gradients:
/// run on gradients that start at 1, it must leave `fresh` (what it gives
/// from zero) plus 1 in every element.
pub fn assert_adds_into<P: ParamsMut<f64> + Clone>(
    zeros: &P,
    fresh: &P,
    run: impl FnOnce(&mut P),
) {
    let mut grads = zeros.clone();
    grads.visit_mut(&mut |_, mut t| t.fill(1.0));
    run(&mut grads);
    let mut expected = fresh.clone();
    expected.visit_mut(&mut |_, mut t| t += 1.0);
    assert_named_close(&grads, &expected, " after starting at 1");
}
