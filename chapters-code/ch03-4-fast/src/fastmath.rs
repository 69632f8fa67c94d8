//! Sigmoid and tanh that the compiler can vectorise.
//!
//! The readable cells call `exp` through the C library, one element at a
//! time, with a branch in the sigmoid. Here, for `f32`, e^x needs no branch
//! and no call, so a loop over a row becomes SIMD code. x is first clamped
//! to [−87, 88], so that the result is always a normal `f32` (below −87 the
//! function returns e^−87 ≈ 1.6·10⁻³⁸ instead of a smaller number, above 88
//! it returns e^88); then e^x = 2^k · e^f with k = round(x / ln 2), put
//! straight into the float's exponent bits, f = x − k ln 2 (|f| ≤ ln 2 / 2,
//! up to rounding), and e^f the Taylor polynomial of degree 6. The test
//! below requires, for x in [−30, 30), a relative error of e^x below 3·10⁻⁷
//! and absolute errors below 2·10⁻⁷ for the sigmoid and 3·10⁻⁷ for tanh: a
//! few times `f32`'s machine epsilon (1.2·10⁻⁷), not a correctly rounded
//! result. For `f64` (the gradient checks) the functions stay exact, so the
//! fast path agrees with chapter 3 to 1e-12.

use numeric::Scalar;

/// The activation functions of the fast path.
pub trait FastMath: Scalar {
    fn sigmoid_fast(self) -> Self;
    fn tanh_fast(self) -> Self;
}

impl FastMath for f64 {
    fn sigmoid_fast(self) -> Self {
        numeric::activation::sigmoid(self)
    }
    fn tanh_fast(self) -> Self {
        self.tanh()
    }
}

// ANCHOR: exp
/// e^x for f32 without a branch or a library call.
#[inline(always)]
pub fn exp_f32(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    // k = round(x / ln 2) by the "magic number" trick: adding 1.5·2²³ leaves
    // the rounded integer in the low bits of the sum's mantissa.
    const MAGIC: f32 = 12_582_912.0;
    let shifted = x * std::f32::consts::LOG2_E + MAGIC;
    let k = shifted - MAGIC;
    // f = x − k ln 2 with ln 2 in two parts (Cody–Waite): k times the first
    // part is exact, so f has about one rounding error; |f| ≤ ln 2 / 2.
    let f = (x - k * 0.693_145_75) - k * 1.428_606_8e-6;
    let p = 1.0
        + f * (1.0
            + f * (0.5
                + f * (1.0 / 6.0
                    + f * (1.0 / 24.0 + f * (1.0 / 120.0 + f * (1.0 / 720.0))))));
    // 2^k: k's bits (read from the mantissa, no float-to-int conversion,
    // which would need a branch for NaN) moved into the exponent field.
    let k_bits = shifted.to_bits().wrapping_sub(MAGIC.to_bits());
    let scale = f32::from_bits(k_bits.wrapping_add(127) << 23);
    p * scale
}
// ANCHOR_END: exp

#[cfg(not(feature = "libm-exp"))]
impl FastMath for f32 {
    #[inline(always)]
    fn sigmoid_fast(self) -> Self {
        1.0 / (1.0 + exp_f32(-self))
    }
    #[inline(always)]
    fn tanh_fast(self) -> Self {
        // tanh(x) = 1 − 2 / (e^{2x} + 1): exact at both ends, no cancellation near ±1.
        1.0 - 2.0 / (exp_f32(2.0 * self) + 1.0)
    }
}

/// With the feature `libm-exp`: the C library's functions, one call per
/// number (what the fast path costs without the step above).
#[cfg(feature = "libm-exp")]
impl FastMath for f32 {
    fn sigmoid_fast(self) -> Self {
        numeric::activation::sigmoid(self)
    }
    fn tanh_fast(self) -> Self {
        self.tanh()
    }
}

/// How this build computes: whether matrixmultiply's AVX-512 kernels are
/// on, whether the activations use the C library's exp, and whether the
/// whole program was compiled for AVX-512 processors.
pub fn build_features() -> Vec<&'static str> {
    let mut features = Vec::new();
    if cfg!(feature = "avx512") {
        features.push("avx512");
    }
    if cfg!(feature = "libm-exp") {
        features.push("libm-exp");
    }
    // Not a Cargo feature: `RUSTFLAGS="-C target-cpu=native"` on a processor with AVX-512.
    if cfg!(target_feature = "avx512f") {
        features.push("compiled for AVX-512");
    }
    features
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_f32_functions_are_as_accurate_as_f32_allows() {
        let (mut worst_exp, mut worst_sigmoid, mut worst_tanh) = (0.0f64, 0.0f64, 0.0f64);
        let mut x = -30.0f32;
        while x < 30.0 {
            let exact = f64::from(x).exp();
            worst_exp = worst_exp.max((f64::from(exp_f32(x)) - exact).abs() / exact);
            worst_sigmoid = worst_sigmoid.max(
                (f64::from(x.sigmoid_fast()) - 1.0 / (1.0 + (-f64::from(x)).exp())).abs(),
            );
            worst_tanh =
                worst_tanh.max((f64::from(x.tanh_fast()) - f64::from(x).tanh()).abs());
            x += 0.001_3;
        }
        assert!(worst_exp < 3e-7, "exp: relative error {worst_exp:e}");
        assert!(
            worst_sigmoid < 2e-7,
            "sigmoid: absolute error {worst_sigmoid:e}"
        );
        assert!(worst_tanh < 3e-7, "tanh: absolute error {worst_tanh:e}");
        assert_eq!(
            exp_f32(-200.0),
            exp_f32(-87.0),
            "clamped, not denormal garbage"
        );
        assert!(exp_f32(200.0).is_finite());
    }
}
