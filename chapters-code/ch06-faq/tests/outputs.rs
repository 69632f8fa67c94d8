//! `faq` checks its results file before any work, never writes a run with
//! other settings than the book's over the book's results, records the
//! command line as typed, and gives the same results, bit for bit, for the
//! same seed (the padding experiment on a tiny synthetic dataset).

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use fileio::determinism::results_of;
use fileio::output::bad_outputs;
use fileio::user_error::{assert_user_error, run_as_user};

const FAQ: &str = env!("CARGO_BIN_EXE_faq");

fn faq(dir: &Path, args: &[&str]) -> Output {
    run_as_user(FAQ, dir, args)
}

/// The book's runs take minutes, and `padding` needs the data (not in
/// `--data-dir`): each would fail otherwise than on `--out` if the output
/// were not checked first.
/// Fault(output): `faq gradients`, `adding` or `padding` with `--out` a folder, a path in a missing folder or below a file, or in a folder that cannot be written | refused at once, before any work, naming the path; exit code 1
#[test]
fn an_output_that_cannot_be_written_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let empty = empty.to_str().unwrap();
    for out in bad_outputs(dir.path()) {
        let out = out.to_str().unwrap();
        for command in [
            vec!["gradients", "--out", out],
            vec!["adding", "--out", out],
            vec!["padding", "--data-dir", empty, "--out", out],
        ] {
            let start = Instant::now();
            let output = faq(dir.path(), &command);
            assert_user_error(&output, 1, &format!("error: --out {out}: "));
            assert!(start.elapsed() < Duration::from_secs(10), "not at once");
        }
    }
}

/// It overwrote `book/results/ch06-adding.json` and recorded `faq adding --seed 1`.
/// Fault(output): `faq adding --lengths 10 --iterations 5` without `--out` (settings other than the book's) | written under `target/custom/`, never over the book's `book/results/ch06-adding.json`; the command line recorded as typed
#[test]
fn a_run_with_other_settings_than_the_books_never_writes_the_books_results() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("book/results")).unwrap();
    let args = ["adding", "--lengths", "10", "--iterations", "5"];
    let results = results_of(FAQ, dir.path(), &args, "target/custom/ch06-adding.json");
    assert_eq!(
        results["provenance"]["command"],
        "faq adding --lengths 10 --iterations 5"
    );
    assert_eq!(results["sweep"]["lengths"], serde_json::json!([10]));
    let book = std::fs::read_dir(dir.path().join("book/results")).unwrap();
    assert_eq!(book.count(), 0, "nothing written under book/results/");
}

/// Run `faq ARGS --out results.json` in two folders: the same results.
fn twice(args: &[&str], setup: impl Fn(&Path)) {
    let mut all = args.to_vec();
    all.extend(["--out", "results.json"]);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    setup(a.path());
    setup(b.path());
    let first = results_of(FAQ, a.path(), &all, "results.json");
    assert_eq!(
        first,
        results_of(FAQ, b.path(), &all, "results.json"),
        "{args:?}"
    );
}

#[test]
fn the_quick_forms_twice_with_one_seed_give_identical_results() {
    twice(&["adding", "--quick", "--seed", "2"], |_| {});
    twice(&["gradients", "--quick", "--seed", "2"], |_| {});
}

/// `n` reviews per class and split under `dir/data/aclImdb`: filler words
/// and one word that gives the class away.
fn tiny_dataset(dir: &Path, n: usize) {
    let filler = ["the", "film", "plot", "actor", "scene", "story", "music"];
    for split in ["train", "test"] {
        for (class, word, rating) in [("pos", "wonderful", 9), ("neg", "awful", 2)] {
            let folder = dir.join("data/aclImdb").join(split).join(class);
            std::fs::create_dir_all(&folder).unwrap();
            for id in 0..n {
                let mut words: Vec<&str> = (0..4 + id % 9)
                    .map(|k| filler[(id + 3 * k) % filler.len()])
                    .collect();
                words.insert(id % words.len(), word);
                std::fs::write(folder.join(format!("{id}_{rating}.txt")), words.join(" "))
                    .unwrap();
            }
        }
    }
}

/// The quick form of `padding` on 40 reviews per split instead of the
/// dataset's (its `--limit` of 2,000 keeps them all).
#[test]
fn the_quick_padding_experiment_twice_gives_identical_results() {
    twice(&["padding", "--quick", "--data-dir", "data"], |dir| {
        tiny_dataset(dir, 20)
    });
}
