//! The Kneser–Ney n-gram baseline: its distributions sum to one and are
//! never zero, order 1 and 2 match values worked out by hand, and longer
//! contexts pay off on patterned text.

use char_lm::ngram::KneserNey;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Ids 1..=9 of a vocabulary of 12 (0, 10 and 11 never occur), each id
/// depending on the one before it, so that many n-grams repeat.
fn random_ish_text(len: usize, seed: u64) -> Vec<usize> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut text = vec![1];
    while text.len() < len {
        let prev = *text.last().unwrap();
        text.push((3 * prev + rng.random_range(0..3)) % 9 + 1);
    }
    text
}

/// Σ_w P(w | context) over the whole vocabulary.
fn total(model: &KneserNey, vocab: usize, context: &[usize]) -> f64 {
    (0..vocab).map(|w| model.probability(context, w)).sum()
}

fn ids(text: &str) -> Vec<usize> {
    text.bytes().map(|b| (b - b'a' + 1) as usize).collect()
}

fn assert_close(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-12, "got {got}, want {want}");
}

/// Seen, unseen, empty and too-long contexts, and ones holding ids never seen.
fn contexts(text: &[usize]) -> Vec<Vec<usize>> {
    vec![
        vec![],
        text[..1].to_vec(),
        text[10..17].to_vec(),
        text[100..104].to_vec(),
        text[200..203].to_vec(),
        vec![9, 9, 9, 9],
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9],
        vec![11],
        vec![0, 0],
        vec![text[50], 10, text[51]],
        vec![text[60], text[61], text[62], 11],
    ]
}

#[test]
fn probabilities_sum_to_one_over_the_vocabulary() {
    let text = random_ish_text(500, 7);
    for order in 1..=8 {
        let model = KneserNey::train(&text, 12, order);
        for context in contexts(&text) {
            let sum = total(&model, 12, &context);
            assert!(
                (sum - 1.0).abs() < 1e-9,
                "order {order}, context {context:?}: the probabilities sum to {sum}"
            );
        }
    }
}

#[test]
fn every_probability_is_above_zero_even_for_unseen_ids() {
    let text = random_ish_text(500, 8);
    let patterned = ids(&"abc".repeat(50));
    for order in 1..=5 {
        for (text, vocab) in [(&text, 12), (&patterned, 5)] {
            let model = KneserNey::train(text, vocab, order);
            for context in contexts(&random_ish_text(300, 9)) {
                let context: Vec<usize> = context.iter().map(|&id| id % vocab).collect();
                for w in 0..vocab {
                    let p = model.probability(&context, w);
                    assert!(p > 0.0, "order {order}: P({w} | {context:?}) = {p}");
                }
            }
        }
    }
}

#[test]
fn order_one_matches_the_hand_computation() {
    // Text [1, 2, 1, 3], vocab 4. Raw counts c(0..4) = 0, 2, 1, 1; c(•) = 4;
    // 3 ids seen. n_1 = 2 (ids 2, 3), n_2 = 1 (id 1): D_1 = 2 / (2 + 2) = 0.5.
    // Mass passed to the uniform: D_1 · 3 / 4 · 1 / 4 = 0.09375.
    //   P(0) = 0                + 0.09375 = 0.09375
    //   P(1) = (2 − 0.5) / 4    + 0.09375 = 0.46875
    //   P(2) = P(3) = 0.5 / 4   + 0.09375 = 0.21875
    let model = KneserNey::train(&[1, 2, 1, 3], 4, 1);
    assert_eq!(model.order(), 1);
    assert_eq!(model.discounts(), &[0.5]);
    for (w, want) in [(0, 0.09375), (1, 0.46875), (2, 0.21875), (3, 0.21875)] {
        // Order 1 ignores the context.
        assert_close(model.probability(&[], w), want);
        assert_close(model.probability(&[3, 2], w), want);
    }
    // Perplexity of [1, 2]: e^(−(ln 0.46875 + ln 0.21875) / 2).
    let want = (-(0.46875f64.ln() + 0.21875f64.ln()) / 2.0).exp();
    assert_close(model.perplexity(&[1, 2]), want);
}

#[test]
fn order_two_matches_the_hand_computation() {
    // Text [1, 2, 3, 2, 1, 2, 3], vocab 4.
    // Order 2 (raw counts): c(1 2) = 2, c(2 3) = 2, c(3 2) = 1, c(2 1) = 1;
    //   n_1 = 2, n_2 = 2: D_2 = 2 / (2 + 4) = 1/3.
    // Order 1 (continuation counts): N1+(• 2) = 2 (after 1 and 3),
    //   N1+(• 1) = 1, N1+(• 3) = 1; N1+(• •) = 4; 3 ids continue something;
    //   n_1 = 2, n_2 = 1: D_1 = 2 / 4 = 1/2.
    //   P_1(w) = max(N1+(• w) − 1/2, 0) / 4 + 1/2 · 3/4 · 1/4:
    //   P_1(0) = 3/32, P_1(1) = P_1(3) = 7/32, P_1(2) = 15/32.
    // Context 2: c(2 •) = 3, N1+(2 •) = 2; mass passed down 1/3 · 2/3 = 2/9.
    //   P(3 | 2) = (2 − 1/3) / 3 + 2/9 · 7/32 = 174/288
    //   P(1 | 2) = (1 − 1/3) / 3 + 2/9 · 7/32 =  78/288
    //   P(2 | 2) =                 2/9 · 15/32 = 30/288
    //   P(0 | 2) =                 2/9 ·  3/32 =  6/288
    let model = KneserNey::train(&[1, 2, 3, 2, 1, 2, 3], 4, 2);
    assert_close(model.discounts()[0], 0.5);
    assert_close(model.discounts()[1], 1.0 / 3.0);
    for (w, want) in [(0, 6.0), (1, 78.0), (2, 30.0), (3, 174.0)] {
        assert_close(model.probability(&[2], w), want / 288.0);
    }
    // An empty or never-seen context is the unigram order alone.
    for (w, want) in [(0, 3.0), (1, 7.0), (2, 15.0), (3, 7.0)] {
        assert_close(model.probability(&[], w), want / 32.0);
        assert_close(model.probability(&[0], w), want / 32.0);
    }
}

#[test]
fn longer_contexts_lower_the_perplexity_of_patterned_text() {
    // After "ab" comes c, d or e: order 3 is unsure, order 5 ("cab" → d) is not.
    let pattern = "abcabdabe";
    let train = ids(&pattern.repeat(200));
    let held_out = ids(&pattern.repeat(20));
    let ppl = |order| KneserNey::train(&train, 6, order).perplexity(&held_out);
    let (ppl1, ppl3, ppl5) = (ppl(1), ppl(3), ppl(5));
    assert!(
        ppl3 < 0.5 * ppl1,
        "order 3 ({ppl3}) should beat order 1 ({ppl1})"
    );
    assert!(
        ppl5 <= ppl3,
        "order 5 ({ppl5}) should not lose to order 3 ({ppl3})"
    );
    assert!(ppl5 < 1.1, "order 5 should all but know the text: {ppl5}");
}

#[test]
fn the_highest_order_uses_raw_counts() {
    // "a b" is always followed by c; "b" is also followed by d and e.
    let mut rng = StdRng::seed_from_u64(3);
    let words = ["abc", "fbd", "gbe"];
    let text: String = (0..300).map(|_| words[rng.random_range(0..3)]).collect();
    let text = ids(&text);
    let c = 3;
    let trigram = KneserNey::train(&text, 8, 3).probability(&ids("ab"), c);
    let bigram = KneserNey::train(&text, 8, 2).probability(&ids("b"), c);
    assert!(trigram > 0.9, "P(c | a b) = {trigram}");
    assert!(
        trigram > bigram,
        "P(c | a b) = {trigram}, P(c | b) = {bigram}"
    );
    assert!(bigram < 0.5, "P(c | b) = {bigram}");
}

#[test]
fn only_the_last_order_minus_one_ids_of_the_context_count() {
    let text = random_ish_text(500, 11);
    let model = KneserNey::train(&text, 12, 3);
    for w in 0..12 {
        let long = model.probability(&[5, 0, 11, 4, 7], w);
        assert_eq!(long, model.probability(&[4, 7], w));
    }
}

#[test]
fn perplexity_is_the_exponential_of_the_mean_surprise() {
    let text = random_ish_text(500, 12);
    let held_out = random_ish_text(50, 13);
    let model = KneserNey::train(&text, 12, 4);
    let surprise: f64 = (0..held_out.len())
        .map(|t| {
            -model
                .probability(&held_out[t.saturating_sub(3)..t], held_out[t])
                .ln()
        })
        .sum();
    let want = (surprise / held_out.len() as f64).exp();
    assert!((model.perplexity(&held_out) - want).abs() < 1e-9);
}

#[test]
#[should_panic(expected = "id 4 at position 2 is not below vocab 4")]
fn an_id_outside_the_vocabulary_is_refused_in_training() {
    KneserNey::train(&[1, 2, 4], 4, 2);
}

#[test]
#[should_panic(expected = "id 9 at position 0 is not below vocab 4")]
fn an_id_outside_the_vocabulary_is_refused_in_a_query() {
    KneserNey::train(&[1, 2, 3], 4, 2).probability(&[9], 1);
}

#[test]
#[should_panic(expected = "vocab 300 must be in 1..=256")]
fn a_vocabulary_over_256_is_refused() {
    KneserNey::train(&[1, 2, 3], 300, 2);
}

#[test]
#[should_panic(expected = "order 0 must be in 1..=8")]
fn order_zero_is_refused() {
    KneserNey::train(&[1, 2, 3], 4, 0);
}

#[test]
#[should_panic(expected = "order 9 must be in 1..=8")]
fn order_nine_is_refused() {
    KneserNey::train(&[1, 2, 3], 4, 9);
}
