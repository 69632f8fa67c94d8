//! A count-based baseline: an interpolated Kneser–Ney character n-gram model.
//!
//! The model of order N predicts a character from the N − 1 before it by
//! counting. Write h for the context (the ids before w, oldest first), h'
//! for h without its oldest id, and a(h w) for the count used at the order
//! n = |h| + 1 of the n-gram h w. Every order interpolates its own
//! discounted counts with the order below it:
//!
//! ```text
//! P_n(w | h) = max(a(h w) − D_n, 0) / a(h •)  +  D_n · T(h) / a(h •) · P_(n−1)(w | h')
//! ```
//!
//! with a(h •) = Σ_w a(h w) and T(h) = |{w : a(h w) > 0}|; if a(h •) = 0
//! (a context never seen) the whole mass goes to P_(n−1)(w | h'). Below the
//! unigram order sits the uniform distribution, P_0(w) = 1 / vocab, so
//! every id, even one never seen, gets a probability above zero.
//!
//! Which count a(h w) is depends on the order:
//!
//! - at the highest order N (the unigram order itself when N = 1), the raw
//!   count, a(h w) = c(h w), so that a(h •) = c(h) (the times h is followed
//!   by an id) and T(h) = N1+(h •);
//! - at every lower order n < N (the unigram included), the continuation
//!   count, a(h w) = N1+(• h w): the number of distinct ids that precede
//!   h w in the text. A lower order is only consulted when the longer
//!   context says little, so it should score how many contexts w
//!   *continues*, not how often w occurs. At the unigram order (N ≥ 2) this gives
//!   P_1(w) = max(N1+(• w) − D_1, 0) / N1+(• •) + D_1 · |{w : N1+(• w) > 0}| / N1+(• •) · 1 / vocab.
//!
//! The discount of order n comes from the counts-of-counts of that order's
//! a: with n_k the number of n-grams whose a is exactly k,
//! D_n = n_1 / (n_1 + 2 n_2) (Ney, Essen and Kneser, 1994), 0.75 when
//! n_1 + 2 n_2 = 0 (tiny texts), clamped to [0.01, 0.99].
//!
//! At the start of a text fewer than N − 1 ids precede w; the model then
//! starts from order |h| + 1 (the unigram order for an empty context),
//! with that order's continuation counts, as for any order below N.

use std::collections::HashMap;

/// The largest order: an n-gram of up to 8 ids of 8 bits packs into a `u64`.
pub const MAX_ORDER: usize = 8;
/// The largest vocabulary: an id must fit in 8 bits.
pub const MAX_VOCAB: usize = 256;
/// D_n when the text has no n-gram seen once or twice.
const FALLBACK_DISCOUNT: f64 = 0.75;
/// D_n is kept inside this range, so every order passes some mass down.
const DISCOUNT_RANGE: (f64, f64) = (0.01, 0.99);

/// An n-gram of ids, 8 bits each, the oldest in the highest bits.
type Key = u64;

/// a(h •) and T(h) for one context h.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct ContextTotals {
    /// a(h •) = Σ_w a(h w).
    sum: u64,
    /// T(h) = |{w : a(h w) > 0}|.
    distinct: u64,
}

/// The counts of one order n.
#[derive(Debug, Clone, Default, PartialEq)]
struct Level {
    /// a(h w) for every n-gram h w with a(h w) > 0.
    counts: HashMap<Key, u64>,
    /// a(h •) and T(h) for every context h (n − 1 ids) with a(h •) > 0.
    contexts: HashMap<Key, ContextTotals>,
}

/// An interpolated Kneser–Ney model of order N over ids `0..vocab`.
#[derive(Debug, Clone, PartialEq)]
pub struct KneserNey {
    order: usize,
    vocab: usize,
    /// D_1 … D_N.
    discounts: Vec<f64>,
    /// The counts of orders 1 … N.
    levels: Vec<Level>,
}

impl KneserNey {
    /// Count every n-gram of orders 1..=order of `text`: raw counts c(h w)
    /// at the highest order, continuation counts N1+(• h w) below it, and
    /// from them each order's context totals and discount D_n.
    pub fn train(text: &[usize], vocab: usize, order: usize) -> Self {
        assert!(
            (1..=MAX_VOCAB).contains(&vocab),
            "vocab {vocab} must be in 1..={MAX_VOCAB}"
        );
        assert!(
            (1..=MAX_ORDER).contains(&order),
            "order {order} must be in 1..={MAX_ORDER}"
        );
        check_ids(text, vocab, "training text");
        let levels: Vec<Level> = (1..=order)
            .map(|n| {
                let counts = if n == order {
                    raw_counts(text, n)
                } else {
                    continuation_counts(&raw_counts(text, n + 1), n)
                };
                Level::from_counts(counts)
            })
            .collect();
        let discounts = levels.iter().map(Level::discount).collect();
        KneserNey {
            order,
            vocab,
            discounts,
            levels,
        }
    }

    /// N, the longest n-gram counted.
    pub fn order(&self) -> usize {
        self.order
    }

    /// D_1 … D_N, the discount of each order.
    pub fn discounts(&self) -> &[f64] {
        &self.discounts
    }

    // ANCHOR: kneser_ney
    /// P(next | context): only the last order − 1 ids of `context` are used.
    /// Starts from P_0 = 1 / vocab and climbs one order at a time, each
    /// order interpolating its discounted counts with the one below:
    /// P_n(w | h) = max(a(h w) − D_n, 0) / a(h •) + D_n · T(h) / a(h •) · P_(n−1)(w | h').
    pub fn probability(&self, context: &[usize], next: usize) -> f64 {
        check_ids(context, self.vocab, "context");
        check_ids(&[next], self.vocab, "next id");
        let h = &context[context.len().saturating_sub(self.order - 1)..];
        let mut p = 1.0 / self.vocab as f64; // P_0(w)
        for n in 1..=h.len() + 1 {
            let h_n = &h[h.len() + 1 - n..]; // the last n − 1 ids
            let (a, a_h, t_h) = self.levels[n - 1].lookup(h_n, next);
            if a_h > 0.0 {
                let d = self.discounts[n - 1];
                p = (a - d).max(0.0) / a_h + d * t_h / a_h * p;
            } // else h_n was never seen: P_n(w | h_n) = P_(n−1)(w | h_n')
        }
        p
    }
    // ANCHOR_END: kneser_ney

    /// e^(mean −ln P(text_t | the up to order − 1 ids before it, within `text`)).
    /// Panics on an empty text, whose perplexity is undefined.
    pub fn perplexity(&self, text: &[usize]) -> f64 {
        assert!(
            !text.is_empty(),
            "the perplexity of an empty text is undefined"
        );
        let total: f64 = (0..text.len())
            .map(|t| {
                let context = &text[t.saturating_sub(self.order - 1)..t];
                -self.probability(context, text[t]).ln()
            })
            .sum();
        (total / text.len() as f64).exp()
    }
}

impl Level {
    /// The context totals a(h •) and T(h) of every h, summed from a(h w).
    fn from_counts(counts: HashMap<Key, u64>) -> Self {
        let mut contexts: HashMap<Key, ContextTotals> = HashMap::new();
        for (&key, &a) in &counts {
            let totals = contexts.entry(key >> 8).or_default();
            totals.sum += a;
            totals.distinct += 1;
        }
        Level { counts, contexts }
    }

    /// (a(h w), a(h •), T(h)), each zero if never seen.
    fn lookup(&self, h: &[usize], w: usize) -> (f64, f64, f64) {
        let a = self.counts.get(&(pack(h) << 8 | w as Key));
        let totals = self.contexts.get(&pack(h)).copied().unwrap_or_default();
        let a = a.copied().unwrap_or(0) as f64;
        (a, totals.sum as f64, totals.distinct as f64)
    }

    /// D = n_1 / (n_1 + 2 n_2) from the counts-of-counts, 0.75 if undefined, clamped.
    fn discount(&self) -> f64 {
        let n_k = |k: u64| self.counts.values().filter(|&&a| a == k).count() as f64;
        let (n1, n2) = (n_k(1), n_k(2));
        if n1 + 2.0 * n2 == 0.0 {
            return FALLBACK_DISCOUNT;
        }
        (n1 / (n1 + 2.0 * n2)).clamp(DISCOUNT_RANGE.0, DISCOUNT_RANGE.1)
    }
}

/// The ids as one key, 8 bits each, the oldest in the highest bits
/// (the empty n-gram is 0).
fn pack(ids: &[usize]) -> Key {
    ids.iter().fold(0, |key, &id| key << 8 | id as Key)
}

/// The key of the last `n` ids of `key`: the n-gram without its oldest ids.
fn last(key: Key, n: usize) -> Key {
    if n >= MAX_ORDER {
        key
    } else {
        key & ((1 << (8 * n)) - 1)
    }
}

/// c(g) for every n-gram g of length `n` in `text`.
fn raw_counts(text: &[usize], n: usize) -> HashMap<Key, u64> {
    let mut counts = HashMap::new();
    for window in text.windows(n) {
        *counts.entry(pack(window)).or_insert(0) += 1;
    }
    counts
}

/// N1+(• g) for every n-gram g of length `n`: how many distinct
/// (n + 1)-grams x g of the text (the keys of `above`) end in g.
fn continuation_counts(above: &HashMap<Key, u64>, n: usize) -> HashMap<Key, u64> {
    let mut counts = HashMap::new();
    for &key in above.keys() {
        *counts.entry(last(key, n)).or_insert(0) += 1;
    }
    counts
}

/// Panics, naming the id, its position and the vocabulary, if an id is ≥ vocab.
fn check_ids(ids: &[usize], vocab: usize, what: &str) {
    if let Some((t, id)) = ids.iter().enumerate().find(|&(_, &id)| id >= vocab) {
        panic!("{what}: id {id} at position {t} is not below vocab {vocab}");
    }
}
