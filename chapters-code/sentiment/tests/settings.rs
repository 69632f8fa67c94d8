//! Settings out of range, degenerate data and run folders whose files do not
//! belong together are refused with a message before any work, instead of a
//! panic or NaN results.

mod common;

use common::{config, data, examples};
use imdb_data::prepare::{Examples, Prepared};
use imdb_data::vocab::Vocabulary;
use ndarray::Array1;
use recurrent::CellKind;
use sentiment::run::{RunConfig, load_trained, run};

/// A change to a valid configuration.
type Change = fn(&mut RunConfig);

/// Fault(arguments): a training setting out of its range (epochs, batch size, maxlen, num_words, limit, validation share, sizes, learning rate, beta2) | refused, naming the setting and its value
#[test]
fn each_setting_out_of_its_range_is_refused_naming_it() {
    let cases: [(&str, Change); 14] = [
        ("epochs is 0", |c| c.train.epochs = 0),
        ("batch_size is 0", |c| c.train.batch_size = 0),
        ("maxlen is 0", |c| c.prep.maxlen = 0),
        ("maxlen is 10001", |c| c.prep.maxlen = 10_001),
        ("num_words is 3", |c| c.prep.num_words = 3),
        ("num_words is 99999999999", |c| {
            c.prep.num_words = 99_999_999_999
        }),
        ("limit is 0", |c| c.prep.limit = Some(0)),
        ("limit is 1", |c| c.prep.limit = Some(1)),
        ("limit is 3", |c| c.prep.limit = Some(3)),
        ("validation_fraction is 0", |c| {
            c.prep.validation_fraction = 0.0
        }),
        ("embedding_dim is 0", |c| c.embedding_dim = 0),
        ("hidden is 0", |c| c.hidden = 0),
        ("learning rate is 0", |c| c.train.adam.lr = 0.0),
        ("beta2 is 1", |c| c.train.adam.beta2 = 1.0),
    ];
    for (named, change) in cases {
        let mut config =
            RunConfig::article(CellKind::Lstm, sentiment::model::Head::LastReal);
        config.validate().unwrap();
        change(&mut config);
        let message = config.validate().unwrap_err().to_string();
        assert!(message.contains(named), "{named:?} not in: {message}");
    }
}

/// Nothing is written, not even the run folder, when a setting is out of range.
/// Fault(arguments): a run with a setting out of range | refused before anything is written, not even the run folder
#[test]
fn run_checks_the_settings_before_it_writes_anything() {
    let data = data();
    let dir = tempfile::tempdir().unwrap();
    let run_dir = dir.path().join("run");
    let mut config = config(CellKind::Lstm, 1);
    config.train.batch_size = 0;
    let err = run(&config, &data, Some(&run_dir), false, false).unwrap_err();
    assert!(err.to_string().contains("batch_size is 0"), "{err}");
    config = common::config(CellKind::Lstm, 0);
    let err = run(&config, &data, Some(&run_dir), false, false).unwrap_err();
    assert!(err.to_string().contains("epochs is 0"), "{err}");
    assert!(!run_dir.exists());
}

/// `examples` with every label set to `label`.
fn one_class(mut examples: Examples, label: f32) -> Examples {
    examples.labels = Array1::from_elem(examples.len(), label);
    examples
}

/// A part with one class (too small a --limit, or a dataset folder with
/// pos/ or neg/ empty) gives NaN or meaningless results: it is refused.
/// Fault(data): a training, validation or test part with one class or no review | refused, naming the part and its counts; no run folder made
#[test]
fn a_part_with_one_class_or_none_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let run_dir = dir.path().join("run");
    let config = config(CellKind::Gru, 1);
    let cases = [
        (
            Prepared {
                validation: one_class(examples(3, 2), 1.0),
                ..data()
            },
            "the validation part has 3 reviews (3 positive, 0 negative)",
        ),
        (
            Prepared {
                train: one_class(examples(50, 2), 0.0),
                ..data()
            },
            "the training part has 50 reviews (0 positive, 50 negative)",
        ),
        (
            Prepared {
                test: examples(0, 3),
                ..data()
            },
            "the test part has 0 reviews",
        ),
    ];
    for (data, expected) in cases {
        let err = run(&config, &data, Some(&run_dir), false, false).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains(expected) && message.contains("both classes"),
            "{message}"
        );
        assert!(!run_dir.exists());
    }
}

/// Fault(data): prepared data with ids beyond the embedding | refused, naming the part, the id and num_words
#[test]
fn data_with_ids_beyond_the_embedding_is_refused() {
    let data = Prepared {
        vocab: Vocabulary::build(["w"], 40),
        ..data()
    };
    let err = run(&config(CellKind::Rnn, 1), &data, None, false, false).unwrap_err();
    assert!(
        err.to_string().contains(
            "the data's vocabulary has 40 ids, more than the configuration's num_words, 30"
        ),
        "{err}"
    );
    // Ids of a vocabulary that says 30, beyond the embedding's 30 rows.
    let mut data = self::data();
    data.validation.padded.ids[[5, 2]] = 35;
    let err = run(&config(CellKind::Rnn, 1), &data, None, false, false).unwrap_err();
    assert!(
        err.to_string()
            .contains("the validation part holds the id 35, but the embedding has rows for ids below num_words = 30 only"),
        "{err}"
    );
}

/// A run folder trained for one epoch, for `imdb classify`.
fn trained() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    run(
        &config(CellKind::Lstm, 1),
        &data(),
        Some(dir.path()),
        false,
        false,
    )
    .unwrap();
    dir
}

#[test]
fn a_trained_folder_loads_with_its_parts_checked() {
    let dir = trained();
    let trained = load_trained(dir.path()).unwrap();
    assert_eq!(trained.config, config(CellKind::Lstm, 1));
    assert_eq!(trained.vocab.num_words(), 30);
    assert_eq!(trained.model.shape, trained.config.shape());
}

/// Fault(runs): a run folder whose `vocab.txt` is larger than the model's embedding | refused on loading, naming both files and sizes
#[test]
fn a_vocabulary_larger_than_the_embedding_is_refused() {
    let dir = trained();
    let words: Vec<String> = (0..40).map(|i| format!("w{}", "x".repeat(i))).collect();
    let text = words.join(" ");
    Vocabulary::build([text.as_str()], 50)
        .save(&dir.path().join("vocab.txt"))
        .unwrap();
    let message = load_trained(dir.path()).err().expect("refused").to_string();
    assert!(
        message.contains("vocab.txt numbers 50 ids")
            && message.contains("model.safetensors has only 30 rows"),
        "{message}"
    );
}

/// Fault(runs): a run folder whose `config.json` says maxlen 0 | refused on loading, naming `config.json` and the setting
#[test]
fn a_config_json_with_maxlen_0_is_refused() {
    let dir = trained();
    let path = dir.path().join("config.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    config["prep"]["maxlen"] = 0.into();
    std::fs::write(&path, config.to_string()).unwrap();
    let message = load_trained(dir.path()).err().expect("refused").to_string();
    assert!(
        message.contains("config.json") && message.contains("maxlen is 0"),
        "{message}"
    );
}

/// config.json rewritten by a later run that did not finish: the model is
/// not the one it describes.
/// Fault(runs): a run folder whose `config.json` does not describe its model (a later run that did not finish) | refused on loading, naming both values
#[test]
fn a_model_of_another_configuration_than_config_json_is_refused() {
    let dir = trained();
    let path = dir.path().join("config.json");
    let mut config = config(CellKind::Lstm, 1);
    config.prep.maxlen = 80;
    std::fs::write(&path, serde_json::to_string(&config).unwrap()).unwrap();
    let message = load_trained(dir.path()).err().expect("refused").to_string();
    assert!(
        message.contains("prep.maxlen = 50") && message.contains("prep.maxlen = 80"),
        "{message}"
    );
}
