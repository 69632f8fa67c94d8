//! Random arrays for tests, benchmarks and figures (seeded).

use ndarray::{Array, Dimension, ShapeBuilder};
use rand::Rng;
use rand_distr::{Distribution, Uniform};

use crate::Scalar;

/// An array of the given shape, uniform on (-scale, scale).
pub fn random<F: Scalar, D: Dimension, Sh: ShapeBuilder<Dim = D>>(
    shape: Sh,
    scale: f64,
    rng: &mut impl Rng,
) -> Array<F, D> {
    let dist = Uniform::new(-scale, scale).expect("a positive scale");
    Array::from_shape_simple_fn(shape, || F::lit(dist.sample(rng)))
}
