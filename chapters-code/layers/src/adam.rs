//! Adam (Kingma and Ba, 2015) with Keras's defaults, and gradient clipping.

use std::collections::HashMap;

use ndarray::{ArrayD, ArrayView2, ArrayViewD, ArrayViewMut2, ArrayViewMutD, Ix2, Zip};
use numeric::Scalar;
use numeric::params::{Params, ParamsMut};

/// Adam's settings. The defaults are Keras's: lr 1e-3, β1 0.9, β2 0.999, ε 1e-7.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AdamConfig {
    pub lr: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub epsilon: f64,
}

impl Default for AdamConfig {
    fn default() -> Self {
        AdamConfig {
            lr: 1e-3,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-7,
        }
    }
}

/// Adam's state: the step count and two moments per named tensor.
#[derive(Debug, Clone, PartialEq)]
pub struct Adam<F> {
    pub config: AdamConfig,
    pub step: u64,
    pub moments: HashMap<String, (ArrayD<F>, ArrayD<F>)>,
}

impl<F: Scalar> Adam<F> {
    pub fn new(config: AdamConfig) -> Self {
        Adam {
            config,
            step: 0,
            moments: HashMap::new(),
        }
    }

    // ANCHOR: step
    /// One update of every parameter of `params` by the gradient of the same
    /// name in `grads` (every parameter must have exactly one, of its shape).
    /// As in Keras, the bias corrections are folded into the step size:
    /// α_t = lr √(1 − β2ᵗ) / (1 − β1ᵗ), θ ← θ − α_t m / (√v + ε).
    pub fn update(
        &mut self,
        params: &mut (impl ParamsMut<F> + ?Sized),
        grads: &(impl Params<F> + ?Sized),
    ) {
        self.step += 1;
        let rule = self.rule();
        let moments = &mut self.moments;
        let mut matched = 0;
        params.visit_mut(&mut |name, param| {
            let mut param = Some(param);
            grads.visit(&mut |grad_name, grad| {
                if grad_name != name {
                    return;
                }
                let param = param
                    .take()
                    .unwrap_or_else(|| panic!("Adam: two gradients are named '{name}'"));
                assert_eq!(
                    param.shape(),
                    grad.shape(),
                    "Adam: {name} and its gradient differ in shape"
                );
                let (m, v) = moments.entry(name.to_owned()).or_insert_with(|| {
                    let zeros = || ArrayD::from_elem(param.shape(), F::zero());
                    (zeros(), zeros())
                });
                rule.apply(param, grad, m.view_mut(), v.view_mut());
                matched += 1;
            });
            assert!(
                param.is_none(),
                "Adam: no gradient for the parameter '{name}'"
            );
        });
        let total = numeric::params::names(grads).len();
        assert_eq!(
            matched, total,
            "Adam: {total} gradients but only {matched} match a parameter by name"
        );
    }
    // ANCHOR_END: step

    // ANCHOR: lazy
    /// Lazy (sparse) Adam for a table of which only `rows` have a gradient
    /// (`values`, one row each): only those rows' moments and parameters
    /// change; the others keep their moments, where dense Adam would decay
    /// them and move every row by its old momentum. Call it after
    /// [`Adam::update`] in the same step: it uses that step's bias correction.
    pub fn update_rows(
        &mut self,
        name: &str,
        mut param: ArrayViewMut2<'_, F>,
        rows: &[u32],
        values: ArrayView2<'_, F>,
    ) {
        assert!(
            self.step > 0,
            "Adam::update_rows: call update first in each step"
        );
        assert_eq!(
            (rows.len(), param.ncols()),
            values.dim(),
            "Adam: {name}'s row gradients have the wrong shape"
        );
        let rule = self.rule();
        let shape = param.shape().to_vec();
        let (m, v) = self
            .moments
            .entry(name.to_owned())
            .or_insert_with(|| (ArrayD::zeros(shape.clone()), ArrayD::zeros(shape)));
        let mut m = m.view_mut().into_dimensionality::<Ix2>().expect("a table");
        let mut v = v.view_mut().into_dimensionality::<Ix2>().expect("a table");
        for (k, &row) in rows.iter().enumerate() {
            let r = row as usize;
            Zip::from(param.row_mut(r))
                .and(values.row(k))
                .and(m.row_mut(r))
                .and(v.row_mut(r))
                .for_each(|p, &g, m, v| rule.one(p, g, m, v));
        }
    }
    // ANCHOR_END: lazy

    /// This step's constants. As in Keras, the bias corrections are folded
    /// into the step size: α_t = lr √(1 − β2ᵗ) / (1 − β1ᵗ).
    fn rule(&self) -> AdamRule<F> {
        let c = self.config;
        let t = self.step as i32;
        AdamRule {
            alpha: F::lit(c.lr * (1.0 - c.beta2.powi(t)).sqrt() / (1.0 - c.beta1.powi(t))),
            b1: F::lit(c.beta1),
            b2: F::lit(c.beta2),
            eps: F::lit(c.epsilon),
        }
    }
}

/// Adam's update with this step's constants.
#[derive(Debug, Clone, Copy)]
struct AdamRule<F> {
    alpha: F,
    b1: F,
    b2: F,
    eps: F,
}

/// Tensors at least this large are updated by all cores, in equal parts
/// (the embedding table's two million numbers are most of Adam's work).
const PARALLEL_FROM: usize = 1 << 16;

impl<F: Scalar> AdamRule<F> {
    /// m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², θ ← θ − α m / (√v + ε).
    fn apply(
        self,
        mut param: ArrayViewMutD<'_, F>,
        grad: ArrayViewD<'_, F>,
        mut m: ArrayViewMutD<'_, F>,
        mut v: ArrayViewMutD<'_, F>,
    ) {
        let slices = (
            param.as_slice_mut(),
            grad.as_slice(),
            m.as_slice_mut(),
            v.as_slice_mut(),
        );
        match slices {
            (Some(p), Some(g), Some(m), Some(v)) if p.len() >= PARALLEL_FROM => {
                let threads = numeric::threads::default_threads();
                let chunk = p.len().div_ceil(threads);
                std::thread::scope(|scope| {
                    let parts = p
                        .chunks_mut(chunk)
                        .zip(g.chunks(chunk))
                        .zip(m.chunks_mut(chunk).zip(v.chunks_mut(chunk)));
                    for ((p, g), (m, v)) in parts {
                        scope.spawn(move || self.apply_slices(p, g, m, v));
                    }
                });
            }
            _ => Zip::from(param)
                .and(&grad)
                .and(m)
                .and(v)
                .for_each(|p, &g, m, v| self.one(p, g, m, v)),
        }
    }

    fn apply_slices(self, p: &mut [F], g: &[F], m: &mut [F], v: &mut [F]) {
        for (((p, &g), m), v) in p.iter_mut().zip(g).zip(m.iter_mut()).zip(v.iter_mut()) {
            self.one(p, g, m, v);
        }
    }

    // ANCHOR: rule
    #[inline(always)]
    fn one(self, p: &mut F, g: F, m: &mut F, v: &mut F) {
        let one = F::one();
        *m = self.b1 * *m + (one - self.b1) * g;
        *v = self.b2 * *v + (one - self.b2) * g * g;
        *p -= self.alpha * *m / (v.sqrt() + self.eps);
    }
    // ANCHOR_END: rule
}

// ANCHOR: clip
/// Scale every gradient by `max_norm / ‖g‖` when the global norm ‖g‖ (over
/// all of them) exceeds `max_norm`. Returns the norm before clipping.
///
/// This belongs in the optimiser step: clipping inside the loss function
/// would make its gradient no longer the derivative of the loss.
pub fn clip_global_norm<F: Scalar>(
    grads: &mut (impl ParamsMut<F> + ?Sized),
    max_norm: F,
) -> F {
    let mut sum = F::zero();
    grads.visit(&mut |_, g| sum = g.iter().fold(sum, |s, &v| s + v * v));
    let norm = sum.sqrt();
    if norm > max_norm {
        let scale = max_norm / norm;
        grads.visit_mut(&mut |_, mut g| g.mapv_inplace(|v| v * scale));
    }
    norm
}
// ANCHOR_END: clip

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};

    /// Dense Adam on the whole table, with zero gradients for unused rows.
    fn dense_step(adam: &mut Adam<f64>, table: &mut Array2<f64>, grad: &Array2<f64>) {
        let mut params = vec![("embedding".to_owned(), table.view_mut().into_dyn())];
        adam.update(
            &mut params,
            &vec![("embedding".to_owned(), grad.view().into_dyn())],
        );
    }

    /// Lazy Adam: the same (empty) dense update of nothing, then the rows.
    fn lazy_step(
        adam: &mut Adam<f64>,
        table: &mut Array2<f64>,
        rows: &[u32],
        values: &Array2<f64>,
    ) {
        let nothing: Vec<(String, ndarray::ArrayD<f64>)> = Vec::new();
        adam.update(&mut nothing.clone(), &nothing);
        adam.update_rows("embedding", table.view_mut(), rows, values.view());
    }

    #[test]
    fn lazy_adam_matches_dense_adam_on_the_rows_used_and_leaves_the_rest() {
        let config = AdamConfig::default();
        let start = array![[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]];
        let (mut dense, mut lazy) = (start.clone(), start.clone());
        let (mut adam_dense, mut adam_lazy) = (Adam::new(config), Adam::new(config));
        // Step 1 uses rows 0 and 2: both optimisers agree exactly (no old momentum yet).
        let grad = array![[1.0, -2.0], [0.0, 0.0], [0.5, 0.25]];
        dense_step(&mut adam_dense, &mut dense, &grad);
        lazy_step(
            &mut adam_lazy,
            &mut lazy,
            &[0, 2],
            &array![[1.0, -2.0], [0.5, 0.25]],
        );
        assert_eq!(dense, lazy);
        assert_eq!(lazy.row(1), start.row(1));
        // Step 2 uses row 1 only: dense Adam still moves rows 0 and 2 by
        // their momentum, lazy Adam leaves them; row 1 is updated alike.
        let grad = array![[0.0, 0.0], [3.0, -1.0], [0.0, 0.0]];
        let after_step_1 = lazy.clone();
        dense_step(&mut adam_dense, &mut dense, &grad);
        lazy_step(&mut adam_lazy, &mut lazy, &[1], &array![[3.0, -1.0]]);
        assert_eq!(lazy.row(0), after_step_1.row(0));
        assert_eq!(lazy.row(2), after_step_1.row(2));
        assert_ne!(dense.row(0), after_step_1.row(0));
        assert_eq!(dense.row(1), lazy.row(1));
    }
}
