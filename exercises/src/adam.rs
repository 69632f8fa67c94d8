//! Exercise (section 4): one update of Adam.
//!
//! Chapter 4 trains every model with Adam (Kingma and Ba, 2015) in the
//! form Keras uses, with the two bias corrections folded into the step size.
//! At update number t (1 for the first), for gradient g:
//!
//! ```text
//! m ← β1 m + (1 − β1) g
//! v ← β2 v + (1 − β2) g²
//! α_t = lr √(1 − β2ᵗ) / (1 − β1ᵗ)
//! θ ← θ − α_t m / (√v + ε)
//! ```
//!
//! every operation element by element.

use layers::adam::AdamConfig;
use ndarray::ArrayD;

/// Applies update number `t` (1 for the first) to the parameter `theta`,
/// given its gradient `grad` and its two moments `m` and `v` (zeros before
/// the first update), all of the same shape. Updates `m`, `v` and `theta`
/// in place; `config` holds lr, β1, β2 and ε.
pub fn adam_update(
    theta: &mut ArrayD<f64>,
    grad: &ArrayD<f64>,
    m: &mut ArrayD<f64>,
    v: &mut ArrayD<f64>,
    t: u64,
    config: &AdamConfig,
) {
    todo!("write one Adam update (hint: exercises/hints/adam.md)")
}
