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

/// The page reads the step table: row 2 "gained nothing on its own", the
/// second core "gives about 1.5×, not 2×", compiling for the processor gains.
#[test]
fn recorded_steps_say_what_the_page_says_of_them() {
    let path = results("ch03-4-steps.json");
    let steps: StepsRecord = fileio::load_json(&path, "steps").unwrap();
    let seconds: Vec<f64> = steps.rows.iter().map(|r| r.median_seconds).collect();
    assert_eq!(seconds.len(), 7, "seven rows, as the page describes");
    let gain = |row: usize| seconds[row - 1] / seconds[row];
    assert!(gain(1) < 1.05, "row 2 gained {:.2}×", gain(1));
    assert!(
        (1.4..1.6).contains(&gain(4)),
        "the second core gave {:.2}×",
        gain(4)
    );
    assert!(
        gain(2) > 1.2 && gain(3) > 1.2,
        "rows 3 and 4 are the large steps"
    );
}
