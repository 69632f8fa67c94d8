//! Section 3.4's claims hold for the recorded results the book renders:
//! the fast path is faster than PyTorch for every cell, the LSTM run stays
//! under 500 MB, the fast path's accuracy is within one point of the
//! readable path's, and the step table starts from the readable LSTM.

use std::path::PathBuf;

use recurrent::CellKind;
use speed::ablation::StepsRecord;
use speed::speed_figures::{load_accuracy, load_comparison};

fn results(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../book/results")
        .join(name)
}

#[test]
fn recorded_comparison_with_pytorch_is_below_one_for_every_cell() {
    let c = load_comparison(&results("ch03-4-pytorch.json")).unwrap();
    let cells: Vec<CellKind> = c.summary.iter().map(|s| s.cell).collect();
    assert_eq!(
        cells,
        [CellKind::LstmFast, CellKind::GruFast, CellKind::RnnFast]
    );
    for s in &c.summary {
        let rounds: Vec<_> = c.rounds.iter().filter(|r| r.cell == s.cell).collect();
        assert!(
            rounds.len() >= 3,
            "{:?}: only {} rounds",
            s.cell,
            rounds.len()
        );
        let recomputed = speed::compare::summarise(&c.rounds);
        let again = recomputed.iter().find(|r| r.cell == s.cell).unwrap();
        assert_eq!(
            again.ratio, s.ratio,
            "{:?}: the summary is not the rounds' medians",
            s.cell
        );
        assert!(s.ratio < 1.0, "{:?}: ratio {}", s.cell, s.ratio);
    }
    assert!(c.rust_peak_memory_mib > 0.0 && c.rust_peak_memory_mib < 500.0);
}

#[test]
fn recorded_fast_path_accuracy_is_within_one_point_of_the_readable_path() {
    let a = load_accuracy(&results("ch03-4-accuracy.json")).unwrap();
    for fast in [CellKind::LstmFast, CellKind::GruFast, CellKind::RnnFast] {
        let run = a
            .runs
            .iter()
            .find(|r| r.cell == fast && !r.lazy_embedding)
            .unwrap_or_else(|| panic!("no {fast:?} run recorded"));
        assert_eq!(run.validation_accuracy.len(), 5, "{fast:?}: five epochs");
        let points = a
            .points_from_readable(run)
            .expect("a readable run of the same cell");
        assert!(
            points.abs() < 1.0,
            "{fast:?}: {points:+.2} points from the readable path"
        );
    }
    assert!(
        a.runs.iter().any(|r| r.lazy_embedding),
        "the lazy Adam run is recorded"
    );
}

#[test]
fn recorded_steps_start_from_the_readable_lstm_and_end_on_the_fast_path() {
    let path = results("ch03-4-steps.json");
    let steps: StepsRecord = fileio::load_json(&path, "steps").unwrap();
    let first = steps.rows.first().expect("at least one step");
    let last_dense = steps.rows.iter().rfind(|r| !r.lazy_embedding).unwrap();
    assert_eq!(first.cell, CellKind::Lstm);
    assert_eq!((first.threads, first.features.is_empty()), (1, true));
    assert_eq!(last_dense.cell, CellKind::LstmFast);
    assert!(last_dense.median_seconds < first.median_seconds);
    assert!(steps.rows.iter().all(|r| r.peak_memory_mib < 500.0));
}

/// The page reads the step table: row 2 "did not make the epoch faster on
/// its own", rows 3 and 4 are the large factors, and the second core gives
/// a factor "not 2": more than 1, less than 2.
#[test]
fn recorded_steps_say_what_the_page_says_of_them() {
    let path = results("ch03-4-steps.json");
    let steps: StepsRecord = fileio::load_json(&path, "steps").unwrap();
    let seconds: Vec<f64> = steps.rows.iter().map(|r| r.median_seconds).collect();
    assert_eq!(seconds.len(), 7, "seven rows, as the page describes");
    let gain = |row: usize| seconds[row - 1] / seconds[row];
    assert!(gain(1) < 1.05, "row 2 gained {:.2}×", gain(1));
    assert!(
        gain(2) > gain(1) && gain(3) > gain(1),
        "rows 3 and 4 are larger steps than row 2: {:.2}, {:.2}, {:.2}",
        gain(1),
        gain(2),
        gain(3)
    );
    assert!(
        gain(4) > 1.0 && gain(4) < 2.0,
        "the second core gave {:.2}×",
        gain(4)
    );
}

/// Section 4.4: the floor is the epoch's arithmetic at the fastest rate
/// measured, and PyTorch runs its LSTM through oneDNN and its GRU without.
#[test]
fn recorded_peak_gives_the_floor_and_says_how_pytorch_runs_its_cells() {
    let json: serde_json::Value =
        fileio::load_json(&results("ch04-4-peak.json"), "speed peak").unwrap();
    let peak = json["peak_gflops"].as_f64().unwrap();
    let mut rates: Vec<f64> = json["rust"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["median_gflops"].as_f64().unwrap())
        .collect();
    let torch = &json["pytorch"];
    rates.extend(
        torch["rates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["median_gflops"].as_f64().unwrap()),
    );
    assert_eq!(rates.iter().copied().fold(0.0, f64::max), peak);
    for floor in json["floors"].as_array().unwrap() {
        let (flops, seconds) = (
            floor["flops_per_epoch"].as_f64().unwrap(),
            floor["floor_seconds"].as_f64().unwrap(),
        );
        assert!((seconds - flops / (peak * 1e9)).abs() < 1e-9 * seconds);
    }
    let cell = |name: &str| {
        torch["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["cell"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(cell("lstm")["onednn"], true);
    assert_eq!(cell("gru")["onednn"], false);
    assert!(
        cell("gru")["operations"].as_u64().unwrap()
            > 10 * cell("lstm")["operations"].as_u64().unwrap()
    );
}
