//! Solution: the book's `layers::adam::clip_global_norm`, on the arrays
//! named by their position.

use ndarray::ArrayD;

/// See the exercise's contract in exercises/src/clip_global_norm.rs.
pub fn clip_global_norm(grads: &mut [ArrayD<f64>], max_norm: f64) -> f64 {
    let mut named: Vec<(String, ArrayD<f64>)> = grads
        .iter()
        .enumerate()
        .map(|(k, g)| (k.to_string(), g.clone()))
        .collect();
    let norm = layers::adam::clip_global_norm(&mut named, max_norm);
    for (g, (_, clipped)) in grads.iter_mut().zip(named) {
        *g = clipped;
    }
    norm
}
