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

/// Chapter 4's bag-of-words baseline (`book/results/ch04-bow.json`): scored
/// once on the whole test set, above every model of the chapter's table and
/// above the best run of chapter 6's padding sweep.
#[test]
fn recorded_baseline_says_what_chapter_4_says() {
    let read = |file: &str| -> Value {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../book/results")
            .join(file);
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
    };
    let bow = read("ch04-bow.json");
    let chapter = read("ch04-imdb.json");
    let padding = read("ch06-padding.json");
    let baseline = bow["run"]["test_accuracy"].as_f64().unwrap();
    assert_eq!(bow["quick"], false);
    assert_eq!(bow["run"]["test_reviews"], 25_000);
    assert_eq!(bow["prep"]["limit"], Value::Null);
    // Four penalties, a factor of ten apart.
    let lambdas: Vec<f64> = bow["run"]["config"]["lambdas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_f64().unwrap())
        .collect();
    assert_eq!(lambdas.len(), 4);
    assert!(
        lambdas
            .windows(2)
            .all(|w| (w[1] / w[0] - 10.0).abs() < 1e-9)
    );
    let chosen = (
        bow["run"]["chosen_lambda"].clone(),
        bow["run"]["chosen_epoch"].clone(),
    );
    let best = bow["run"]["curve"]
        .as_array()
        .unwrap()
        .iter()
        .max_by(|a, b| {
            a["validation_accuracy"]
                .as_f64()
                .unwrap()
                .total_cmp(&b["validation_accuracy"].as_f64().unwrap())
        })
        .unwrap();
    assert_eq!(
        best["validation_accuracy"],
        bow["run"]["validation_accuracy"]
    );
    assert!(chosen.0.is_number() && chosen.1.is_number());
    for run in chapter["runs"].as_array().unwrap() {
        assert!(baseline > run["log"]["test_accuracy"].as_f64().unwrap());
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
    // Reading 400 ids instead of 50 helps the LSTM (runs 0 and 12: pre-padding, pre-truncation).
    assert_eq!(padding["runs"][0]["maxlen"], 50);
    assert_eq!(
        padding["runs"][0]["variant"],
        padding["runs"][12]["variant"]
    );
    assert!(sweep[12] > sweep[0]);
}
