//! Summaries of repeated measurements.

/// The median of some numbers (the mean of the middle two for an even count).
pub fn median(values: &[f64]) -> f64 {
    assert!(!values.is_empty(), "median of no values");
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// McNemar's exact test of two classifiers scored on the same examples.
///
/// `a_only` examples are right under the first and wrong under the second,
/// `b_only` the other way round; examples both get right or both get wrong
/// say nothing about which is better. Under the hypothesis that both are
/// equally good, each of the n = `a_only + b_only` disagreements goes either
/// way with probability 1/2, so the two-sided p-value is
/// p = min(1, 2 · Σ_{k=0}^{min(a_only, b_only)} C(n, k) / 2ⁿ)
/// (summed in logarithms, so n may be in the tens of thousands).
pub fn mcnemar_exact_p(a_only: u64, b_only: u64) -> f64 {
    let n = a_only + b_only;
    if n == 0 {
        return 1.0;
    }
    let smaller = a_only.min(b_only);
    let ln_half_n = n as f64 * 0.5f64.ln();
    // ln C(n, k), from ln C(n, 0) = 0 by C(n, k+1) = C(n, k) (n-k) / (k+1).
    let mut ln_choose = 0.0;
    let mut terms = Vec::with_capacity(smaller as usize + 1);
    for k in 0..=smaller {
        terms.push(ln_choose + ln_half_n);
        ln_choose += ((n - k) as f64).ln() - ((k + 1) as f64).ln();
    }
    let top = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let tail = top.exp() * terms.iter().map(|t| (t - top).exp()).sum::<f64>();
    (2.0 * tail).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mcnemar_matches_the_binomial_tail_computed_by_hand() {
        // n = 12 disagreements, 2 of them one way: (1 + 12 + 66) / 4096, doubled.
        let p = mcnemar_exact_p(10, 2);
        assert!((p - 2.0 * 79.0 / 4096.0).abs() < 1e-12, "{p}");
        assert_eq!(mcnemar_exact_p(2, 10), p);
        // Equal counts cannot be told apart; no disagreement at all neither.
        assert_eq!(mcnemar_exact_p(7, 7), 1.0);
        assert_eq!(mcnemar_exact_p(0, 0), 1.0);
    }

    #[test]
    fn mcnemar_stays_finite_for_large_counts() {
        // 1,000 against 1,100 disagreements: 50 from the mean 1,050, whose standard
        // deviation is √2100 / 2 ≈ 22.9, so z ≈ 2.2 and p ≈ 0.03.
        let p = mcnemar_exact_p(1_000, 1_100);
        assert!(p > 0.02 && p < 0.04, "{p}");
        assert!(mcnemar_exact_p(10_000, 12_000) < 1e-40);
    }
}
