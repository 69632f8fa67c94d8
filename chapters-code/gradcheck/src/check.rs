//! The gradient checker: central finite differences in `f64`.
//!
//! For every element θ_j of every named tensor, the numerical derivative is
//!
//! ```text
//! n_j = (L(θ + ε e_j) − L(θ − ε e_j)) / 2ε
//! ```
//!
//! and a tensor's relative error is max_j |a_j − n_j| / max(max_j |a_j|, max_j |n_j|, tiny),
//! where a is the analytic gradient. The report names the worst element of
//! each tensor, so a failure points at the formula to look at.

use std::fmt;

use numeric::params::{Named, Params, ParamsMut, names};

// ANCHOR: checkable
/// A differentiable problem: a loss and every tensor it depends on, named
/// through [`ParamsMut`] (parameters, inputs, initial states).
pub trait Checkable: ParamsMut<f64> {
    /// The scalar loss at the current values.
    fn loss(&self) -> f64;
}
// ANCHOR_END: checkable

/// The result for one tensor.
#[derive(Debug, Clone)]
pub struct TensorCheck {
    pub name: String,
    /// How many elements were checked (all of them).
    pub checked: usize,
    /// max |a − n| / max(max |a|, max |n|, tiny) over the tensor.
    pub rel_error: f64,
    /// Index of the element with the largest |a − n|.
    pub worst_index: Vec<usize>,
    /// Analytic and numerical derivative at that element.
    pub analytic: f64,
    pub numeric: f64,
}

/// The results for every tensor of a problem.
#[derive(Debug, Clone)]
pub struct GradReport {
    pub tensors: Vec<TensorCheck>,
}

/// Guards the relative error against 0/0 where a gradient is exactly zero.
const TINY: f64 = f64::MIN_POSITIVE;

// ANCHOR: check
/// Check `analytic` (gradients, named as the problem names its tensors)
/// against central differences with step `eps`, element by element, for
/// every tensor of `subject`.
///
/// Panics if a tensor has no analytic gradient or a gradient names no tensor,
/// or if their shapes differ: nothing is ever skipped silently.
pub fn check_gradients<S: Checkable>(
    subject: &mut S,
    analytic: &(impl Params<f64> + ?Sized),
    eps: f64,
) -> GradReport {
    let names = names(subject);
    let analytic = Named::of(analytic);
    for name in analytic.0.keys() {
        assert!(
            names.contains(name),
            "gradient '{name}' names no tensor of the problem (tensors: {names:?})"
        );
    }
    let mut tensors = Vec::new();
    for (k, name) in names.iter().enumerate() {
        let grad = analytic
            .get(name)
            .unwrap_or_else(|e| panic!("no analytic gradient for tensor '{name}': {e}"));
        let shape = shape_of(subject, k);
        assert_eq!(
            grad.shape(),
            shape.as_slice(),
            "gradient '{name}' has shape {:?} but the tensor has {shape:?}",
            grad.shape()
        );
        let grad: Vec<f64> = grad.iter().copied().collect();
        let numeric: Vec<f64> = (0..grad.len())
            .map(|j| central_difference(subject, k, j, eps))
            .collect();
        tensors.push(compare(name, &shape, &grad, &numeric));
    }
    GradReport { tensors }
}
// ANCHOR_END: check

/// The shape of the problem's tensor number `k`.
fn shape_of<S: Checkable>(subject: &S, k: usize) -> Vec<usize> {
    let mut shape = None;
    let mut i = 0;
    subject.visit(&mut |_, t| {
        if i == k {
            shape = Some(t.shape().to_vec());
        }
        i += 1;
    });
    shape.expect("tensor index inside the problem")
}

/// (L(θ + ε e_j) − L(θ − ε e_j)) / 2ε for element j of tensor k.
fn central_difference<S: Checkable>(subject: &mut S, k: usize, j: usize, eps: f64) -> f64 {
    let original = nudge(subject, k, j, |v| v);
    nudge(subject, k, j, |_| original + eps);
    let plus = subject.loss();
    nudge(subject, k, j, |_| original - eps);
    let minus = subject.loss();
    nudge(subject, k, j, |_| original);
    (plus - minus) / (2.0 * eps)
}

/// Set element j (in logical row-major order) of tensor k to f(old); return old.
fn nudge<S: Checkable>(subject: &mut S, k: usize, j: usize, f: impl Fn(f64) -> f64) -> f64 {
    let mut old = None;
    let mut i = 0;
    subject.visit_mut(&mut |_, mut t| {
        if i == k {
            let element = t
                .iter_mut()
                .nth(j)
                .expect("element index inside the tensor");
            old = Some(*element);
            *element = f(*element);
        }
        i += 1;
    });
    old.expect("tensor index inside the problem")
}

fn compare(name: &str, shape: &[usize], analytic: &[f64], numeric: &[f64]) -> TensorCheck {
    let scale = analytic
        .iter()
        .chain(numeric)
        .fold(TINY, |m, v| m.max(v.abs()));
    let (worst, diff) = analytic
        .iter()
        .zip(numeric)
        .map(|(a, n)| (a - n).abs())
        .enumerate()
        .fold(
            (0, 0.0),
            |best, (j, d)| if d > best.1 { (j, d) } else { best },
        );
    TensorCheck {
        name: name.to_owned(),
        checked: analytic.len(),
        rel_error: diff / scale,
        worst_index: unravel(worst, shape),
        analytic: analytic.get(worst).copied().unwrap_or(0.0),
        numeric: numeric.get(worst).copied().unwrap_or(0.0),
    }
}

/// The multi-index of flat row-major position `flat` in `shape`.
fn unravel(mut flat: usize, shape: &[usize]) -> Vec<usize> {
    let mut index = vec![0; shape.len()];
    for axis in (0..shape.len()).rev() {
        index[axis] = flat % shape[axis].max(1);
        flat /= shape[axis].max(1);
    }
    index
}

impl GradReport {
    /// The tensor with the largest relative error.
    pub fn worst(&self) -> &TensorCheck {
        self.tensors
            .iter()
            .max_by(|a, b| a.rel_error.total_cmp(&b.rel_error))
            .expect("a report checks at least one tensor")
    }

    /// The tensors whose relative error is above `tolerance`, or not a number
    /// (a NaN anywhere must fail, never pass).
    pub fn failures(&self, tolerance: f64) -> Vec<&TensorCheck> {
        self.tensors
            .iter()
            .filter(|t| t.rel_error.is_nan() || t.rel_error > tolerance)
            .collect()
    }

    /// `Err` with the whole report if any relative error is above `tolerance`.
    pub fn verdict(&self, tolerance: f64) -> Result<(), String> {
        if self.failures(tolerance).is_empty() {
            Ok(())
        } else {
            Err(format!(
                "gradient check failed (tolerance {tolerance:e}):\n{self}"
            ))
        }
    }

    /// Panic with the whole report if any relative error is above `tolerance`.
    pub fn assert_below(&self, tolerance: f64) {
        if let Err(message) = self.verdict(tolerance) {
            panic!("{message}");
        }
    }
}

impl fmt::Display for TensorCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<6} {:>5} elements  rel. error {:.2e}  worst at {:?}: analytic {:+.10e}, numeric {:+.10e}",
            self.name,
            self.checked,
            self.rel_error,
            self.worst_index,
            self.analytic,
            self.numeric
        )
    }
}

impl fmt::Display for GradReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for tensor in &self.tensors {
            writeln!(f, "  {tensor}")?;
        }
        let worst = self.worst();
        write!(
            f,
            "  worst: {} at {:?}, relative error {:.2e}",
            worst.name, worst.worst_index, worst.rel_error
        )
    }
}
