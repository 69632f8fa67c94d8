//! The Rust side of `imdb compare-pytorch`: the arrays it writes, the
//! protocol with the Python process (against a stand-in script, since the
//! tests never need PyTorch), and the message when Python cannot run it.

use std::path::{Path, PathBuf};

use imdb_data::pad::{Side, pad_sequences};
use imdb_data::prepare::Examples;
use ndarray::Array1;
use recurrent::CellKind;
use speed::compare::{ArraysMeta, PyTorch, Round, check_python, summarise, write_arrays};

fn examples() -> Examples {
    let sequences = vec![vec![1, 7, 9], vec![1, 4], vec![1, 5, 6, 8, 2]];
    Examples {
        padded: pad_sequences(&sequences, 4, Side::Post, Side::Pre),
        labels: Array1::from(vec![1.0, 0.0, 1.0]),
    }
}

const META: ArraysMeta = ArraysMeta {
    num_words: 10,
    embedding_dim: 4,
    hidden: 3,
    batch_size: 2,
};

fn u32s(path: &Path) -> Vec<u32> {
    std::fs::read(path)
        .unwrap()
        .chunks(4)
        .map(|b| u32::from_le_bytes(b.try_into().unwrap()))
        .collect()
}

#[test]
fn the_arrays_are_the_padded_ids_labels_and_last_positions() {
    let dir = tempfile::tempdir().unwrap();
    let data = examples();
    write_arrays(dir.path(), &data, META).unwrap();
    let ids = u32s(&dir.path().join("ids.bin"));
    assert_eq!(ids, data.padded.ids.iter().copied().collect::<Vec<_>>());
    let last = u32s(&dir.path().join("last_real.bin"));
    let expected: Vec<u32> = (0..3).map(|r| data.padded.last_real(r) as u32).collect();
    assert_eq!(last, expected);
    let labels: Vec<f32> = std::fs::read(dir.path().join("labels.bin"))
        .unwrap()
        .chunks(4)
        .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
        .collect();
    assert_eq!(labels, [1.0, 0.0, 1.0]);
    let meta: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("arrays.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(meta["arrays"]["ids"]["shape"], serde_json::json!([3, 4]));
    assert_eq!(meta["arrays"]["ids"]["dtype"], "<u4");
    assert_eq!(meta["batch_size"], 2);
}

/// A stand-in for pytorch_epoch.py: the same protocol, no PyTorch.
const STAND_IN: &str = r#"
import json, sys
print(json.dumps({"ready": True, "torch": "stand-in", "threads": 2}), flush=True)
for line in sys.stdin:
    cell = line.strip()
    if cell == "quit":
        break
    print(json.dumps({"cell": cell, "seconds": 1.5, "batches": 2, "loss": 0.7}), flush=True)
"#;

#[test]
fn the_protocol_asks_for_epochs_and_reads_their_times() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("stand_in.py");
    std::fs::write(&script, STAND_IN).unwrap();
    let mut torch = PyTorch::start(Path::new("python3"), &script, dir.path(), 2, 1)
        .expect("python3 runs the stand-in script");
    assert_eq!(torch.info["torch"], "stand-in");
    let epoch = torch.epoch(CellKind::GruFast).unwrap();
    assert_eq!(
        (epoch.cell.as_str(), epoch.seconds, epoch.batches),
        ("gru", 1.5, 2)
    );
    assert_eq!(torch.epoch(CellKind::Rnn).unwrap().cell, "rnn");
}

#[test]
fn a_python_that_cannot_run_the_script_is_told_how_to_install_pytorch() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("fails.py");
    std::fs::write(&script, "import sys\nsys.exit('no module named torch')\n").unwrap();
    for python in [PathBuf::from("python3"), dir.path().join("no-such-python")] {
        let message = match PyTorch::start(&python, &script, dir.path(), 2, 1) {
            Ok(_) => panic!("{} should fail", python.display()),
            Err(e) => format!("{e:#}"),
        };
        assert!(message.contains("pip install torch numpy"), "{message}");
    }
}

#[test]
fn the_preflight_check_names_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-python");
    let message = format!("{:#}", check_python(&missing).unwrap_err());
    assert!(
        message.contains("cannot start") && message.contains("pip install torch numpy"),
        "{message}"
    );
    // A Python that exits with an error: `false` stands in for one without PyTorch.
    let message = format!("{:#}", check_python(Path::new("false")).unwrap_err());
    assert!(message.contains("cannot import PyTorch"), "{message}");
}

#[test]
fn the_committed_script_is_valid_python() {
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../compare/pytorch_epoch.py");
    let status = std::process::Command::new("python3")
        .args(["-m", "py_compile"])
        .arg(&script)
        .status()
        .expect("python3 runs");
    assert!(status.success(), "{} does not compile", script.display());
}

#[test]
fn summaries_are_medians_per_cell_and_their_ratio() {
    let round = |cell, round, rust_seconds, pytorch_seconds| Round {
        cell,
        round,
        rust_seconds,
        pytorch_seconds,
    };
    let rounds = [
        round(CellKind::LstmFast, 1, 4.0, 8.0),
        round(CellKind::LstmFast, 2, 5.0, 6.0),
        round(CellKind::LstmFast, 3, 3.0, 10.0),
        round(CellKind::RnnFast, 1, 2.0, 5.0),
    ];
    let s = summarise(&rounds);
    assert_eq!(s.len(), 2);
    assert_eq!(
        (s[0].rust_median_seconds, s[0].pytorch_median_seconds),
        (4.0, 8.0)
    );
    assert_eq!(s[0].ratio, 0.5);
    assert_eq!((s[1].cell, s[1].ratio), (CellKind::RnnFast, 0.4));
}
