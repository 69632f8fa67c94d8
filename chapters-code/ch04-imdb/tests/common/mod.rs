//! A tiny synthetic dataset in the layout of the Large Movie Review Dataset
//! (`aclImdb/{train,test}/{pos,neg}/ID_RATING.txt`), for tests that run the
//! real `imdb` program in seconds: each review is a few filler words and
//! one word that gives its class away.

// Each test file uses a part of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use imdb_data::pad::{Side, pad_sequences};
use imdb_data::prepare::Examples;
use ndarray::Array1;
use std::process::Output;

/// The filler words the reviews are made of.
const FILLER: [&str; 12] = [
    "the", "film", "plot", "actor", "scene", "story", "music", "end", "cast", "camera",
    "script", "light",
];

/// Write `per_class` reviews of each class in both splits under
/// `root/aclImdb`, and return `root` (a `--data-dir`).
pub fn dataset(root: &Path, per_class: usize) -> PathBuf {
    for split in ["train", "test"] {
        for (class, word, rating) in [("pos", "wonderful", 9), ("neg", "awful", 2)] {
            let dir = root.join("aclImdb").join(split).join(class);
            std::fs::create_dir_all(&dir).unwrap();
            for id in 0..per_class {
                let text = review(id + usize::from(split == "test") * 1000, word);
                std::fs::write(dir.join(format!("{id}_{rating}.txt")), text).unwrap();
            }
        }
    }
    root.to_path_buf()
}

/// Review `id`: 5 to 12 filler words, with `word` somewhere among them.
fn review(id: usize, word: &str) -> String {
    let len = 5 + id * 7 % 8;
    let at = id * 5 % len;
    (0..len)
        .map(|k| {
            if k == at {
                word
            } else {
                FILLER[(id * 31 + k * 17) % FILLER.len()]
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The options of a small, fast training on the dataset in `data`, into `run_dir`.
pub fn train_args(data: &Path, run_dir: &Path, epochs: usize) -> Vec<String> {
    [
        "train",
        "--data-dir",
        &data.display().to_string(),
        "--run-dir",
        &run_dir.display().to_string(),
        "--epochs",
        &epochs.to_string(),
        "--num-words",
        "40",
        "--maxlen",
        "16",
        "--batch-size",
        "8",
        "--seed",
        "3",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// Run `imdb` with `args` in `dir`.
pub fn imdb(dir: &Path, args: &[String]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_imdb"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the imdb program starts")
}

/// `json` with every timing field (seconds, peak memory) removed, at any depth.
pub fn without_timings(json: &mut serde_json::Value) {
    fileio::determinism::without_timings(json);
}

/// `n` reviews: the start marker, then id 3 (positive) or 4 (negative), alternating.
pub fn examples(n: usize) -> Examples {
    let sequences: Vec<Vec<u32>> = (0..n).map(|i| vec![1, 3 + (i % 2) as u32, 5]).collect();
    Examples {
        padded: pad_sequences(&sequences, 4, Side::Post, Side::Pre),
        labels: (0..n)
            .map(|i| if i % 2 == 0 { 1.0 } else { 0.0 })
            .collect::<Array1<f32>>(),
    }
}

/// `imdb COMMAND --data-dir missing --out OUT` for every output that cannot
/// be written: each is refused at once, before the data is read, naming the path.
pub fn assert_unwritable_outputs_refused(command: &str) {
    let dir = tempfile::tempdir().unwrap();
    for out in fileio::output::bad_outputs(dir.path()) {
        let output = fileio::user_error::run_as_user(
            env!("CARGO_BIN_EXE_imdb"),
            dir.path(),
            &[
                command,
                "--data-dir",
                "missing",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        fileio::user_error::assert_user_error(
            &output,
            1,
            &format!("error: --out {}: ", out.display()),
        );
    }
}

/// Run `imdb ARGS --data-dir DATA --out OUT` in a fresh folder on the
/// synthetic dataset of [`dataset`] (300 reviews a class) and return the
/// results file it wrote, failing with the program's errors if it failed.
pub fn results_on_synthetic_data(args: &[&str], out: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(dir.path(), 300);
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend(["--data-dir".to_owned(), data.display().to_string()]);
    all.extend(["--out".to_owned(), out.to_owned()]);
    let output = imdb(dir.path(), &all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join(out)).unwrap();
    serde_json::from_str(&text).unwrap()
}
