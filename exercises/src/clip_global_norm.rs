//! Exercise (section 6): gradient clipping by the global norm.
//!
//! Chapter 6 measures exploding gradients and clips them. With every
//! gradient of a model g_1, …, g_k (any shapes), the global norm is
//!
//! ```text
//! ‖g‖ = sqrt( Σ_k Σ_j g_k[j]² )
//! ```
//!
//! and clipping to `max_norm` multiplies every gradient by max_norm / ‖g‖
//! when ‖g‖ > max_norm, and leaves them alone otherwise: the direction of
//! the whole update is kept, only its length is capped.

use ndarray::ArrayD;

/// Clips `grads` (any number of arrays, any shapes) in place to the global
/// norm `max_norm` (> 0), and returns the global norm *before* clipping.
///
/// Gradients whose global norm is at most `max_norm` are not changed.
pub fn clip_global_norm(grads: &mut [ArrayD<f64>], max_norm: f64) -> f64 {
    todo!("write gradient clipping (hint: exercises/hints/clip_global_norm.md)")
}
