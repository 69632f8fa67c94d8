//! The number type of every cell: `f32` for training, `f64` for gradient checks.

use std::fmt::{Debug, Display};
use std::ops::{AddAssign, MulAssign, SubAssign};

use ndarray::{LinalgScalar, ScalarOperand};
use num_traits::Float;

/// A floating-point type the cells can compute in (`f32` or `f64`).
pub trait Scalar:
    Float
    + LinalgScalar
    + ScalarOperand
    + AddAssign
    + SubAssign
    + MulAssign
    + Debug
    + Display
    + Send
    + Sync
    + 'static
{
    /// Convert a constant written in `f64` (rounding for `f32`).
    fn lit(value: f64) -> Self;
    /// Widen to `f64`.
    fn to_f64_lossless(self) -> f64;
}

impl Scalar for f32 {
    fn lit(value: f64) -> Self {
        value as f32
    }
    fn to_f64_lossless(self) -> f64 {
        f64::from(self)
    }
}

impl Scalar for f64 {
    fn lit(value: f64) -> Self {
        value
    }
    fn to_f64_lossless(self) -> f64 {
        self
    }
}
