//! Properties of the tokenizer, the vocabulary and the padding, checked on
//! random inputs (proptest; a failing case is shrunk and printed).

use imdb_data::pad::{Side, pad_sequences};
use imdb_data::tokenize::tokenize;
use imdb_data::vocab::{FIRST_WORD, OOV, PAD, START, Vocabulary};
use proptest::prelude::*;

/// Texts of every kind: any Unicode (NUL, emoji, CJK, right-to-left
/// scripts included), IMDB-like English with `<br />`, and long texts.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(
            prop_oneof![
                Just("<br />".to_owned()),
                Just("\0".to_owned()),
                Just("😀👍🏽".to_owned()),
                Just("映画は素晴らしい".to_owned()),
                Just("فيلم رائع".to_owned()),
                Just("סרט טוב".to_owned()),
                Just("\u{202e}RTL\u{202c}".to_owned()),
                "[A-Za-z0-9' .,!?\t\n-]{0,12}",
                "\\PC{0,6}",
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat()),
        "[a-zA-Z' ]{1000,5000}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The tokenizer never panics, and every token is as the contract of
    /// `tokenize.rs` says: non-empty, made of `a–z`, `0–9` and `'` only
    /// (so lowercase and without whitespace), not starting or ending with
    /// `'`; and tokenizing the tokens joined by spaces gives them back.
    #[test]
    fn tokens_follow_the_tokenizer_contract(text in text()) {
        let tokens = tokenize(&text);
        for token in &tokens {
            prop_assert!(!token.is_empty());
            prop_assert!(
                token.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '\''),
                "token {token:?} of {text:?}"
            );
            prop_assert!(!token.starts_with('\'') && !token.ends_with('\''), "token {token:?}");
        }
        prop_assert_eq!(tokenize(&tokens.join(" ")), tokens.clone());
        // Only the case of the ASCII letters is lost (once the line breaks are spaces).
        let upper = text.replace("<br />", " ").to_ascii_uppercase();
        prop_assert_eq!(tokenize(&upper), tokens);
    }

    /// Every id of an encoding is below `num_words`, the first is START,
    /// and a saved vocabulary loads back equal, encoding any text the same.
    #[test]
    fn vocabulary_ids_fit_and_survive_save_and_load(
        corpus in prop::collection::vec(text(), 0..8),
        num_words in 4usize..60,
        probes in prop::collection::vec(text(), 1..6),
    ) {
        let vocab = Vocabulary::build(corpus.iter().map(String::as_str), num_words);
        prop_assert_eq!(vocab.num_words(), num_words);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vocab.txt");
        vocab.save(&path).unwrap();
        let loaded = Vocabulary::load(&path).unwrap();
        prop_assert_eq!(&loaded, &vocab);
        for probe in probes.iter().chain(&corpus) {
            let ids = vocab.encode(probe);
            prop_assert_eq!(ids[0], START);
            prop_assert_eq!(ids.len(), tokenize(probe).len() + 1);
            prop_assert!(ids[1..].iter().all(|&id| id == OOV || (FIRST_WORD..num_words as u32).contains(&id)),
                "{ids:?} for num_words = {num_words}");
            prop_assert_eq!(loaded.encode(probe), ids);
        }
    }

    /// Every row has `maxlen` ids; the kept ids are the last `maxlen` of
    /// the sequence (truncating = Pre) or its first (Post), placed after
    /// (padding = Pre) or before (Post) the PAD ids; `lengths` counts them,
    /// and `last_real` is the position of the last of them (for an empty
    /// row: 0 with padding = Post, maxlen − 1 with Pre).
    #[test]
    fn padding_keeps_the_right_end_and_last_real_finds_it(
        sequences in prop::collection::vec(prop::collection::vec(1u32..1000, 0..30), 0..12),
        maxlen in 1usize..25,
        padding in prop_oneof![Just(Side::Pre), Just(Side::Post)],
        truncating in prop_oneof![Just(Side::Pre), Just(Side::Post)],
    ) {
        let padded = pad_sequences(&sequences, maxlen, padding, truncating);
        prop_assert_eq!(padded.ids.dim(), (sequences.len(), maxlen));
        prop_assert_eq!(padded.padding, padding);
        prop_assert_eq!(padded.lengths.len(), sequences.len());
        for (n, sequence) in sequences.iter().enumerate() {
            let row: Vec<u32> = padded.ids.row(n).to_vec();
            let k = sequence.len().min(maxlen);
            prop_assert_eq!(padded.lengths[n], k);
            let kept = match truncating {
                Side::Pre => &sequence[sequence.len() - k..],
                Side::Post => &sequence[..k],
            };
            let (real, pads) = match padding {
                Side::Pre => (&row[maxlen - k..], &row[..maxlen - k]),
                Side::Post => (&row[..k], &row[k..]),
            };
            prop_assert_eq!(real, kept, "row {} of {:?}", n, sequence);
            prop_assert!(pads.iter().all(|&id| id == PAD), "row {row:?}");
            let last = padded.last_real(n);
            prop_assert!(last < maxlen);
            if k > 0 {
                prop_assert_eq!(row[last], *kept.last().unwrap());
                prop_assert!(row[last + 1..].iter().all(|&id| id == PAD), "row {row:?}, last_real {last}");
            } else {
                prop_assert_eq!(last, match padding { Side::Pre => maxlen - 1, Side::Post => 0 });
            }
        }
    }
}
