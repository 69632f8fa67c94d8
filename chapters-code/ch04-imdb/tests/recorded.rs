//! What chapter 4's prose says of its recorded runs
//! (`book/results/ch04-imdb.json`), checked against that file: the page
//! takes every number from it, and these tests keep its words true too.

use std::path::PathBuf;

use serde_json::Value;

fn recorded() -> Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../book/results/ch04-imdb.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("the results file is JSON")
}

/// The one element of the array `json[list]` whose `key` is `value`.
fn find<'a>(json: &'a Value, list: &str, key: &str, value: &str) -> &'a Value {
    json[list]
        .as_array()
        .unwrap_or_else(|| panic!("no array {list}"))
        .iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no {list} with {key} = {value}"))
}

fn run<'a>(json: &'a Value, name: &str) -> &'a Value {
    find(json, "runs", "name", name)
}

fn pair<'a>(json: &'a Value, pair: &str) -> &'a Value {
    find(json, "paired", "pair", pair)
}

/// "Every model's validation accuracy is highest after its first epoch (its
/// second, for the vanilla RNN) and ends lower after the fifth."
#[test]
fn every_model_peaks_early_and_the_vanilla_one_a_step_later() {
    let json = recorded();
    for r in json["runs"].as_array().unwrap() {
        let name = r["name"].as_str().unwrap();
        let expected = if name.starts_with("rnn") { 2 } else { 1 };
        assert_eq!(r["log"]["chosen_epoch"], expected, "{name}");
        let epochs = r["log"]["epochs"].as_array().unwrap();
        let first = epochs[expected - 1]["validation_accuracy"]
            .as_f64()
            .unwrap();
        let last = epochs.last().unwrap()["validation_accuracy"]
            .as_f64()
            .unwrap();
        assert!(last < first, "{name}: validation accuracy did not fall");
    }
}

/// "The three LSTM models cannot be ranked by these runs": no pair of them
/// differs at p < 0.05/3 (Bonferroni's correction for three comparisons); the vanilla RNN is behind at p < 1e-6; the GRU and
/// the LSTM (c) split their disagreements almost evenly.
#[test]
fn the_paired_tests_say_what_the_page_says() {
    let json = recorded();
    for p in [
        "lstm-perstep:lstm-laststate",
        "lstm-perstep:lstm-lastreal",
        "lstm-laststate:lstm-lastreal",
    ] {
        let value = pair(&json, p)["p_value"].as_f64().unwrap();
        assert!(value > 0.05 / 3.0, "{p}: p = {value}");
    }
    let rnn = pair(&json, "lstm-lastreal:rnn-lastreal");
    assert!(rnn["p_value"].as_f64().unwrap() < 1e-6, "{rnn}");
    assert!(rnn["difference"].as_f64().unwrap() > 0.0);
    let gru = pair(&json, "lstm-lastreal:gru-lastreal");
    assert!(gru["p_value"].as_f64().unwrap() > 0.1, "{gru}");
}

/// "[The fast path] classifies every test review as the readable LSTM does."
#[test]
fn the_fast_path_agrees_with_the_readable_lstm_on_every_test_review() {
    let json = recorded();
    let p = pair(&json, "lstm-lastreal:lstmfast-lastreal");
    assert_eq!(
        (p["first_only"].as_u64(), p["second_only"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(
        run(&json, "lstm-lastreal")["log"]["test_correct"],
        run(&json, "lstmfast-lastreal")["log"]["test_correct"]
    );
}

/// Chapter 4's bag-of-words baseline (`book/results/ch04-bow.json`): the
/// table's data, its search as the page describes it, scored once on the
/// whole test set, above every model of the chapter's table and above the
/// best run of chapter 6's padding sweep.
#[test]
fn recorded_baseline_says_what_chapter_4_says() {
    let read = |file: &str| -> Value {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../book/results")
            .join(file);
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
    };
    let (bow, chapter, padding) = (
        read("ch04-bow.json"),
        read("ch04-imdb.json"),
        read("ch06-padding.json"),
    );
    let run = &bow["run"];
    assert_eq!(bow["quick"], false);
    // The table's data: the same vocabulary, split seed and share, all reviews.
    for model in chapter["runs"].as_array().unwrap() {
        for key in ["seed", "validation_fraction", "num_words", "limit"] {
            assert_eq!(bow["prep"][key], model["config"]["prep"][key], "{key}");
        }
    }
    assert_eq!(
        (
            &run["train_reviews"],
            &run["validation_reviews"],
            &run["test_reviews"]
        ),
        (
            &Value::from(20_000),
            &Value::from(5_000),
            &Value::from(25_000)
        )
    );
    // No penalty, then five powers of ten.
    let lambdas: Vec<f64> = run["config"]["lambdas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_f64().unwrap())
        .collect();
    assert_eq!(lambdas.len(), 6);
    assert_eq!(lambdas[0], 0.0);
    assert!(
        lambdas[1..]
            .windows(2)
            .all(|w| (w[1] / w[0] - 10.0).abs() < 1e-9)
    );
    // The chosen (λ, epoch) is the first with the best validation accuracy,
    // and it has no penalty.
    let curve = run["curve"].as_array().unwrap();
    let best = curve
        .iter()
        .map(|e| e["validation_accuracy"].as_f64().unwrap())
        .fold(f64::MIN, f64::max);
    let first = curve
        .iter()
        .find(|e| e["validation_accuracy"].as_f64().unwrap() == best)
        .unwrap();
    assert_eq!(first["lambda"], run["chosen_lambda"]);
    assert_eq!(first["epoch"], run["chosen_epoch"]);
    assert_eq!(run["chosen_lambda"].as_f64(), Some(0.0));
    // Above every model of the table and the best of chapter 6's sweep (run 12, 400 ids).
    let baseline = run["test_accuracy"].as_f64().unwrap();
    for model in chapter["runs"].as_array().unwrap() {
        assert!(baseline > model["log"]["test_accuracy"].as_f64().unwrap());
    }
    let sweep: Vec<f64> = padding["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["result"]["log"]["test_accuracy"].as_f64().unwrap())
        .collect();
    let best_recurrent = sweep.iter().copied().fold(f64::MIN, f64::max);
    assert_eq!(
        best_recurrent, sweep[12],
        "the page quotes run 12 as the best"
    );
    assert_eq!(padding["runs"][12]["maxlen"], 400);
    assert!(baseline > best_recurrent);
    // Reading more helps: runs 2 and 10, post-padding with the mask, 50 and 200 ids.
    for (k, maxlen) in [(2, 50), (10, 200)] {
        assert_eq!(padding["runs"][k]["maxlen"], maxlen);
        assert_eq!(padding["runs"][k]["variant"]["padding"], "Post");
        assert_eq!(padding["runs"][k]["variant"]["head"], "LastReal");
    }
    assert!(sweep[10] > sweep[2]);
    // More than ten times as many (λ, epoch) pairs as the sweep's epochs.
    assert!(curve.len() > 10 * padding["sweep"]["epochs"].as_u64().unwrap() as usize);
}

/// "Putting it together" (`book/results/ch04-final.json`): the runs are
/// the book's settings on chapter 4's split, the pooling is chosen on
/// validation alone, and the medians are those of the runs.
#[test]
fn recorded_final_model_says_what_chapter_4_says() {
    use imdb_sentiment::deep::Pool;
    use imdb_sentiment::deep_train::DeepConfig;
    use imdb_sentiment::together::{FinalResults, median};
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../book/results");
    let f: FinalResults =
        fileio::load_json(&dir.join("ch04-final.json"), "imdb final").unwrap();
    let bow: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ch04-bow.json")).unwrap())
            .unwrap();
    assert!(!f.quick);
    // The same split and vocabulary as the baseline and the table.
    assert_eq!(f.prep.seed, bow["prep"]["seed"].as_u64().unwrap());
    assert_eq!(
        f.prep.num_words as u64,
        bow["prep"]["num_words"].as_u64().unwrap()
    );
    assert_eq!(f.prep.maxlen, 400);
    // Both poolings, seeds 1, 2, 3, each with the code's settings.
    let pools: Vec<Pool> = f.candidates.iter().map(|c| c.pool).collect();
    assert_eq!(pools, vec![Pool::Mean, Pool::Max]);
    for c in &f.candidates {
        let seeds: Vec<u64> = c.runs.iter().map(|r| r.config.seed).collect();
        assert_eq!(seeds, vec![1, 2, 3]);
        for r in &c.runs {
            let expected = DeepConfig {
                seed: r.config.seed,
                pool: c.pool,
                ..DeepConfig::default()
            };
            assert_eq!(r.config, expected);
            // The chosen epoch is the one with the best validation accuracy.
            let best = r
                .epochs
                .iter()
                .map(|e| e.validation_accuracy)
                .fold(0.0, f64::max);
            assert_eq!(r.validation_accuracy, best);
            assert_eq!(r.epochs[r.chosen_epoch - 1].validation_accuracy, best);
        }
        let tests: Vec<f64> = c.runs.iter().map(|r| r.test_accuracy).collect();
        assert_eq!(c.median_test_accuracy, median(&tests));
    }
    // Chosen on the median validation accuracy, nothing else.
    let other = 1 - f.chosen;
    assert!(
        f.chosen().median_validation_accuracy
            >= f.candidates[other].median_validation_accuracy
    );
    // "the final model is the one with the masked mean … its median
    // validation accuracy is above the max's"
    assert_eq!(f.chosen().pool, Pool::Mean);
    let (mean, max) = (&f.candidates[0], &f.candidates[1]);
    assert!(mean.median_validation_accuracy > max.median_validation_accuracy);
    // "well above the article's model, below the bag of words, and below the 0.88"
    let chapter = read("ch04-imdb.json");
    let article = chapter["runs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "lstm-perstep")
        .unwrap()["log"]["test_accuracy"]
        .as_f64()
        .unwrap();
    let bag = bow["run"]["test_accuracy"].as_f64().unwrap();
    assert!(mean.median_test_accuracy > article + 0.05);
    assert!(mean.median_test_accuracy < bag && mean.median_test_accuracy < 0.88);
    // "each of its three seeds above each of the mean's"
    let lowest_max = max.runs.iter().map(|r| r.test_accuracy).fold(1.0, f64::min);
    let highest_mean = mean
        .runs
        .iter()
        .map(|r| r.test_accuracy)
        .fold(0.0, f64::max);
    assert!(lowest_max > highest_mean);
    // "stays below it by its median (one of its three seeds … is just above)"
    assert!(max.median_test_accuracy < bag);
    let above: Vec<usize> = (0..3)
        .filter(|&k| max.runs[k].test_accuracy > bag)
        .collect();
    assert_eq!(above, vec![2]);
    assert!(max.runs[2].test_accuracy - bag < 0.001);
    // "One of the mean's runs (seed 2) reached the 8-epoch limit with its
    // best validation accuracy at the last epoch"
    let capped: Vec<u64> = mean
        .runs
        .iter()
        .filter(|r| r.epochs.len() == 8 && r.chosen_epoch == 8)
        .map(|r| r.config.seed)
        .collect();
    assert_eq!(capped, vec![2]);
    // "the max's best seed is above the mean's worst" (on validation); "the
    // mean also loses more from validation to test than the max does"
    let best_max = max
        .runs
        .iter()
        .map(|r| r.validation_accuracy)
        .fold(0.0, f64::max);
    let worst_mean = mean
        .runs
        .iter()
        .map(|r| r.validation_accuracy)
        .fold(1.0, f64::min);
    assert!(best_max > worst_mean);
    assert!(
        mean.median_validation_accuracy - mean.median_test_accuracy
            > max.median_validation_accuracy - max.median_test_accuracy
    );
}

fn read(file: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../book/results")
        .join(file);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// "The recorded dropout settings are those of trial 3, the trial with the
/// best validation accuracy … Trial 4, with more word dropout, did better
/// than trial 3 on the test reviews and worse on validation."
#[test]
fn the_trials_say_what_chapter_4_says() {
    use imdb_sentiment::deep_train::DeepConfig;
    let trial = |n: usize| {
        let json = read(&format!("ch04-final-trial-{n}.json"));
        json["runs"][0].clone()
    };
    let trials: Vec<Value> = (1..=5).map(trial).collect();
    let validation = |t: &Value| t["validation_accuracy"].as_f64().unwrap();
    let test = |t: &Value| t["test_accuracy"].as_f64().unwrap();
    let best = (0..5)
        .max_by(|&a, &b| validation(&trials[a]).total_cmp(&validation(&trials[b])))
        .unwrap();
    assert_eq!(best, 2, "trial 3 has the best validation accuracy");
    let dropout: recurrent::dropout::DropoutRates =
        serde_json::from_value(trials[2]["config"]["dropout"].clone()).unwrap();
    assert_eq!(dropout, DeepConfig::default().dropout);
    assert!(test(&trials[3]) > test(&trials[2]));
    assert!(validation(&trials[3]) < validation(&trials[2]));
    assert!(trials[3]["config"]["dropout"]["words"].as_f64().unwrap() > dropout.words);
    // The first two predate word dropout.
    assert!(trials[0]["config"]["dropout"]["words"].is_null());
    assert!(trials[1]["config"]["dropout"]["words"].is_null());
}
