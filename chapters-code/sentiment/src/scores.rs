//! Scoring a model on a set of reviews: the loss and accuracy, and which
//! reviews it gets right, so that two models tested on the same reviews
//! can be compared review by review (McNemar's test, `numeric::stats`).

use ndarray::{Array1, Array2, Axis};

use crate::model::Classifier;
use imdb_data::prepare::Examples;

/// A model's score on a set of reviews.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Mean binary cross-entropy.
    pub loss: f64,
    /// The share of reviews classified right (P(positive) > 0.5 for a positive review).
    pub accuracy: f64,
    /// For each review, in order: classified right?
    pub correct: Vec<bool>,
}

/// Score `model` on `examples`, in batches of 256.
pub fn evaluate_each(model: &Classifier<f32>, examples: &Examples) -> Evaluation {
    let n = examples.len();
    let (mut loss, mut correct) = (0.0, Vec::with_capacity(n));
    for start in (0..n).step_by(256) {
        let rows: Vec<usize> = (start..(start + 256).min(n)).collect();
        let (ids, labels, last) = gather(examples, &rows);
        let p = model.predict(ids.view(), &last);
        for (p, y) in p.iter().zip(labels.iter()) {
            let p = f64::from(*p).clamp(1e-7, 1.0 - 1e-7);
            loss -= if *y > 0.5 { p.ln() } else { (1.0 - p).ln() };
            correct.push((p > 0.5) == (*y > 0.5));
        }
    }
    let right = correct.iter().filter(|&&c| c).count();
    Evaluation {
        loss: loss / n as f64,
        accuracy: right as f64 / n as f64,
        correct,
    }
}

/// The ids, labels and last real positions of `rows`.
pub(crate) fn gather(
    examples: &Examples,
    rows: &[usize],
) -> (Array2<u32>, Array1<f32>, Vec<usize>) {
    let ids = examples.padded.ids.select(Axis(0), rows);
    let labels = rows.iter().map(|&r| examples.labels[r]).collect();
    let last = rows.iter().map(|&r| examples.padded.last_real(r)).collect();
    (ids, labels, last)
}

/// Right/wrong flags as hexadecimal text, four reviews per digit (the
/// first review in the highest bit), for a results file.
pub fn to_hex(correct: &[bool]) -> String {
    correct
        .chunks(4)
        .map(|c| {
            let nibble = c
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (3 - i)));
            char::from_digit(nibble, 16).expect("a nibble is one hex digit")
        })
        .collect()
}

/// The flags of [`to_hex`] back, `n` of them; `None` if `text` does not hold `n`.
pub fn from_hex(text: &str, n: usize) -> Option<Vec<bool>> {
    if text.len() != n.div_ceil(4) {
        return None;
    }
    let mut flags = Vec::with_capacity(n);
    for c in text.chars() {
        let nibble = c.to_digit(16)?;
        flags.extend((0..4).map(|i| nibble & (1 << (3 - i)) != 0));
    }
    flags.truncate(n);
    Some(flags)
}

/// McNemar's comparison of two models on the same reviews.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Paired {
    /// Right under both, under only the first, only the second, neither.
    pub both_right: usize,
    pub first_only: usize,
    pub second_only: usize,
    pub both_wrong: usize,
    /// The two-sided exact p-value of McNemar's test.
    pub p_value: f64,
}

/// Compare two models' right/wrong flags on the same reviews.
pub fn paired(first: &[bool], second: &[bool]) -> Paired {
    assert_eq!(
        first.len(),
        second.len(),
        "the two models were scored on different sets"
    );
    let count = |f: fn(bool, bool) -> bool| {
        first
            .iter()
            .zip(second)
            .filter(|(a, b)| f(**a, **b))
            .count()
    };
    let (first_only, second_only) = (count(|a, b| a && !b), count(|a, b| !a && b));
    Paired {
        both_right: count(|a, b| a && b),
        first_only,
        second_only,
        both_wrong: count(|a, b| !a && !b),
        p_value: numeric::stats::mcnemar_exact_p(first_only as u64, second_only as u64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_round_trip_through_hex() {
        let flags = [true, false, true, true, false, false, false, true, true];
        let hex = to_hex(&flags);
        assert_eq!(hex, "b18");
        assert_eq!(from_hex(&hex, flags.len()).unwrap(), flags);
        assert_eq!(from_hex(&hex, 20), None);
        assert_eq!(from_hex("xz", 8), None);
    }

    #[test]
    fn paired_counts_each_kind_of_review() {
        let a = [true, true, false, false, true];
        let b = [true, false, true, false, false];
        let p = paired(&a, &b);
        assert_eq!(
            (p.both_right, p.first_only, p.second_only, p.both_wrong),
            (1, 2, 1, 1)
        );
        assert_eq!(p.p_value, 1.0);
    }
}
