//! Adam (Kingma and Ba, 2015) with Keras's defaults, and gradient clipping.

use std::collections::HashMap;

use ndarray::{ArrayD, ArrayViewD, ArrayViewMutD, Zip};
use vanilla_rnn::Scalar;

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
    /// One update of every (name, parameter, gradient). As in Keras, the bias
    /// corrections are folded into the step size:
    /// α_t = lr √(1 − β2ᵗ) / (1 − β1ᵗ), θ ← θ − α_t m / (√v + ε).
    pub fn update(
        &mut self,
        params: Vec<(String, ArrayViewMutD<'_, F>, ArrayViewD<'_, F>)>,
    ) {
        self.step += 1;
        let c = self.config;
        let t = self.step as i32;
        let alpha = F::lit(c.lr * (1.0 - c.beta2.powi(t)).sqrt() / (1.0 - c.beta1.powi(t)));
        let (b1, b2, eps) = (F::lit(c.beta1), F::lit(c.beta2), F::lit(c.epsilon));
        let (one, zero) = (F::one(), F::zero());
        for (name, param, grad) in params {
            assert_eq!(
                param.shape(),
                grad.shape(),
                "Adam: {name} and its gradient differ in shape"
            );
            let (m, v) = self.moments.entry(name).or_insert_with(|| {
                (
                    ArrayD::from_elem(param.shape(), zero),
                    ArrayD::from_elem(param.shape(), zero),
                )
            });
            Zip::from(param)
                .and(&grad)
                .and(m)
                .and(v)
                .for_each(|p, &g, m, v| {
                    *m = b1 * *m + (one - b1) * g;
                    *v = b2 * *v + (one - b2) * g * g;
                    *p -= alpha * *m / (v.sqrt() + eps);
                });
        }
    }
    // ANCHOR_END: step

    /// [`Adam::update`] for parameters and gradients listed separately, in
    /// the same order and with the same names (checked).
    pub fn update_named(
        &mut self,
        params: Vec<(String, ArrayViewMutD<'_, F>)>,
        grads: &[(String, ArrayD<F>)],
    ) {
        assert_eq!(
            params.len(),
            grads.len(),
            "Adam: {} parameters but {} gradients",
            params.len(),
            grads.len()
        );
        let updates = params
            .into_iter()
            .zip(grads)
            .map(|((name, p), (grad_name, g))| {
                assert_eq!(
                    name, *grad_name,
                    "Adam: parameter and gradient out of order"
                );
                (name, p, g.view())
            })
            .collect();
        self.update(updates);
    }
}

/// [`clip_global_norm`] over named gradients; returns the norm before clipping.
pub fn clip_named<F: Scalar>(grads: &mut [(String, ArrayD<F>)], max_norm: F) -> F {
    let mut views: Vec<ArrayViewMutD<'_, F>> =
        grads.iter_mut().map(|(_, g)| g.view_mut()).collect();
    clip_global_norm(&mut views, max_norm)
}

// ANCHOR: clip
/// Scale every gradient by `max_norm / ‖g‖` when the global norm ‖g‖ (over
/// all of them) exceeds `max_norm`. Returns the norm before clipping.
///
/// This belongs in the optimiser step: clipping inside the loss function
/// would make its gradient no longer the derivative of the loss.
pub fn clip_global_norm<F: Scalar>(grads: &mut [ArrayViewMutD<'_, F>], max_norm: F) -> F {
    let norm = grads
        .iter()
        .flat_map(|g| g.iter())
        .fold(F::zero(), |s, &v| s + v * v)
        .sqrt();
    if norm > max_norm {
        let scale = max_norm / norm;
        for g in grads.iter_mut() {
            g.mapv_inplace(|v| v * scale);
        }
    }
    norm
}
// ANCHOR_END: clip
