//! Weight initialisation, as the two big frameworks do it, from a seeded
//! random number generator.
//!
//! Values are drawn in `f64` and rounded to the cell's scalar type, so an
//! `f32` cell and an `f64` cell made from the same seed hold the same
//! weights up to rounding.

use ndarray::{Array1, Array2};
use rand::Rng;
use rand_distr::{Distribution, StandardNormal, Uniform};

use crate::Scalar;

/// How to draw a cell's initial parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Init {
    /// PyTorch's default for `nn.RNN`, `nn.LSTM`, `nn.GRU`: every weight and
    /// bias uniform on (-k, k) with k = 1/√hidden. For the dense output layer,
    /// `nn.Linear`'s default: uniform on (-1/√fan_in, 1/√fan_in).
    #[default]
    PyTorch,
    /// Keras's default: input weights Glorot-uniform over the layer's packed
    /// kernel (fan_in = input, fan_out = gates × hidden), recurrent weights
    /// orthogonal (here one orthogonal matrix per gate), biases zero.
    Keras,
}

impl Init {
    /// An input weight of shape (hidden, input) for a cell with `gates` gate blocks.
    pub fn input_weight<F: Scalar>(
        self,
        hidden: usize,
        input: usize,
        gates: usize,
        rng: &mut impl Rng,
    ) -> Array2<F> {
        let limit = match self {
            Init::PyTorch => 1.0 / (hidden as f64).sqrt(),
            Init::Keras => (6.0 / (input + gates * hidden) as f64).sqrt(),
        };
        uniform((hidden, input), limit, rng)
    }

    /// A recurrent weight of shape (hidden, hidden).
    pub fn recurrent_weight<F: Scalar>(
        self,
        hidden: usize,
        rng: &mut impl Rng,
    ) -> Array2<F> {
        match self {
            Init::PyTorch => uniform((hidden, hidden), 1.0 / (hidden as f64).sqrt(), rng),
            Init::Keras => orthogonal(hidden, rng),
        }
    }

    /// A bias of length `hidden` for a recurrent cell.
    pub fn bias<F: Scalar>(self, hidden: usize, rng: &mut impl Rng) -> Array1<F> {
        match self {
            Init::PyTorch => uniform((hidden, 1), 1.0 / (hidden as f64).sqrt(), rng)
                .column(0)
                .to_owned(),
            Init::Keras => Array1::zeros(hidden),
        }
    }

    /// A dense layer's weight (outputs, inputs) and bias (outputs).
    pub fn dense<F: Scalar>(
        self,
        outputs: usize,
        inputs: usize,
        rng: &mut impl Rng,
    ) -> (Array2<F>, Array1<F>) {
        match self {
            Init::PyTorch => {
                let limit = 1.0 / (inputs as f64).sqrt();
                let w = uniform((outputs, inputs), limit, rng);
                let b = uniform((outputs, 1), limit, rng).column(0).to_owned();
                (w, b)
            }
            Init::Keras => {
                let limit = (6.0 / (inputs + outputs) as f64).sqrt();
                (
                    uniform((outputs, inputs), limit, rng),
                    Array1::zeros(outputs),
                )
            }
        }
    }
}

/// A matrix of the given shape, uniform on (-limit, limit).
pub fn uniform<F: Scalar>(
    shape: (usize, usize),
    limit: f64,
    rng: &mut impl Rng,
) -> Array2<F> {
    let dist = Uniform::new(-limit, limit)
        .expect("the limit of a uniform initialiser is positive");
    Array2::from_shape_simple_fn(shape, || F::lit(dist.sample(rng)))
}

/// A random orthogonal (n, n) matrix: Gram–Schmidt on a Gaussian matrix.
pub fn orthogonal<F: Scalar>(n: usize, rng: &mut impl Rng) -> Array2<F> {
    let mut q = Array2::<f64>::from_shape_simple_fn((n, n), || StandardNormal.sample(rng));
    for i in 0..n {
        for j in 0..i {
            let projection = q.row(i).dot(&q.row(j));
            let previous = q.row(j).to_owned();
            q.row_mut(i).scaled_add(-projection, &previous);
        }
        let norm = q.row(i).dot(&q.row(i)).sqrt();
        q.row_mut(i).mapv_inplace(|v| v / norm);
    }
    q.mapv(F::lit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn pytorch_weights_stay_inside_their_bound() {
        let mut rng = StdRng::seed_from_u64(1);
        let w: Array2<f64> = Init::PyTorch.input_weight(16, 7, 4, &mut rng);
        assert_eq!(w.dim(), (16, 7));
        assert!(w.iter().all(|v| v.abs() < 0.25), "bound 1/√16 = 0.25");
        assert!(
            w.iter().any(|v| v.abs() > 0.2),
            "values should fill the range"
        );
    }

    #[test]
    fn orthogonal_matrices_are_orthogonal() {
        let mut rng = StdRng::seed_from_u64(2);
        let q: Array2<f64> = orthogonal(12, &mut rng);
        let identity = q.dot(&q.t());
        for ((i, j), v) in identity.indexed_iter() {
            let expected = if i == j { 1.0 } else { 0.0 };
            approx::assert_abs_diff_eq!(*v, expected, epsilon = 1e-12);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_weights_in_f32_and_f64() {
        let w64: Array2<f64> =
            Init::Keras.input_weight(5, 3, 1, &mut StdRng::seed_from_u64(9));
        let w32: Array2<f32> =
            Init::Keras.input_weight(5, 3, 1, &mut StdRng::seed_from_u64(9));
        for (a, b) in w64.iter().zip(w32.iter()) {
            assert_eq!(*a as f32, *b);
        }
    }
}
