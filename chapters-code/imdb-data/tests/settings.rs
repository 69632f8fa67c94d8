//! The preprocessing settings are checked before any file is read: a
//! vocabulary with room beyond the 3 reserved ids and a sane upper bound, a
//! positive maxlen, a validation share between 0 and 1, and a limit that
//! leaves reviews both to train on and to validate with.

use std::path::Path;

use imdb_data::error::DataError;
use imdb_data::prepare::{MAX_MAXLEN, MAX_NUM_WORDS, PrepConfig, encode, prepare};

/// The message of `config`'s refusal.
fn refusal(config: PrepConfig) -> String {
    match config.validate() {
        Err(DataError::Setting { problem }) => problem,
        other => panic!("{config:?}: expected a refused setting, got {other:?}"),
    }
}

/// Fault(arguments): a vocabulary size (num_words) below 4 or above 1000000 | refused, naming the value, the range and the 3 reserved ids
#[test]
fn num_words_leaves_room_beyond_the_reserved_ids_and_has_a_bound() {
    for num_words in [0, 3, MAX_NUM_WORDS + 1, 99_999_999_999] {
        let message = refusal(PrepConfig {
            num_words,
            ..PrepConfig::default()
        });
        assert!(
            message.starts_with(&format!(
                "num_words is {num_words}: it must be between 4 and 1000000"
            )) && message.contains("reserves 3 ids"),
            "{message}"
        );
    }
    for num_words in [4, MAX_NUM_WORDS] {
        PrepConfig {
            num_words,
            ..PrepConfig::default()
        }
        .validate()
        .unwrap();
    }
}

/// Fault(arguments): a maxlen of 0 or above the bound, or a validation share of 0, 1, negative or NaN | refused, naming the setting and its value
#[test]
fn maxlen_and_the_validation_share_are_in_range() {
    for maxlen in [0, MAX_MAXLEN + 1] {
        let message = refusal(PrepConfig {
            maxlen,
            ..PrepConfig::default()
        });
        assert!(
            message.starts_with(&format!("maxlen is {maxlen}")),
            "{message}"
        );
    }
    for validation_fraction in [0.0, 1.0, -0.5, f64::NAN] {
        let message = refusal(PrepConfig {
            validation_fraction,
            ..PrepConfig::default()
        });
        assert!(
            message.starts_with(&format!("validation_fraction is {validation_fraction}")),
            "{message}"
        );
    }
}

/// `--limit 0`, `1` and `3` kept no validation review (or no review at
/// all) and gave NaN results; the smallest limit that holds out two reviews
/// and trains on two is named.
/// Fault(arguments): a limit too small to train and validate on two reviews each | refused, naming the least limit that works
#[test]
fn a_limit_too_small_to_train_and_validate_is_refused_naming_the_least() {
    for limit in [0, 1, 3, 7] {
        let message = refusal(PrepConfig {
            limit: Some(limit),
            ..PrepConfig::default()
        });
        assert!(
            message.starts_with(&format!("limit is {limit}:"))
                && message.ends_with("use a limit of at least 8"),
            "{message}"
        );
    }
    for limit in [8, 9, 1000] {
        PrepConfig {
            limit: Some(limit),
            ..PrepConfig::default()
        }
        .validate()
        .unwrap();
    }
    let half = PrepConfig {
        limit: Some(2),
        validation_fraction: 0.5,
        ..PrepConfig::default()
    };
    assert!(refusal(half).ends_with("at least 4"), "{}", refusal(half));
    let tenth = PrepConfig {
        limit: Some(10),
        validation_fraction: 0.1,
        ..PrepConfig::default()
    };
    assert!(
        refusal(tenth).ends_with("at least 16"),
        "{}",
        refusal(tenth)
    );
}

/// Fault(arguments): preparing the data with a setting out of range | refused before any file is read
#[test]
fn prepare_and_encode_check_the_settings_before_reading_any_file() {
    let nowhere = Path::new("/nonexistent/aclImdb");
    let config = PrepConfig {
        limit: Some(3),
        ..PrepConfig::default()
    };
    for err in [
        prepare(nowhere, &config).unwrap_err(),
        encode(nowhere, &config).unwrap_err(),
    ] {
        assert!(matches!(err, DataError::Setting { .. }), "{err}");
    }
    // With valid settings the same call gets as far as the missing folder.
    let err = prepare(nowhere, &PrepConfig::default()).unwrap_err();
    assert!(matches!(err, DataError::MissingFolder { .. }), "{err}");
}
