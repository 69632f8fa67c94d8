//! `char-lm train` checks its results file before it reads the text,
//! finds the book's sources from any folder, and gives the same results,
//! bit for bit, for the same seed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use fileio::determinism::results_of;
use fileio::output::bad_outputs;
use fileio::user_error::{assert_user_error, run_as_user};

const CHAR_LM: &str = env!("CARGO_BIN_EXE_char-lm");

fn char_lm(dir: &Path, args: &[&str]) -> Output {
    run_as_user(CHAR_LM, dir, args)
}

/// A folder of two small Markdown files (about 9,000 characters), in `dir`.
fn small_text(dir: &Path) -> String {
    let text = dir.join("text");
    std::fs::create_dir_all(&text).unwrap();
    for (name, topic) in [("a.md", "LSTM"), ("b.md", "GRU")] {
        let body: String = (0..60)
            .map(|i| format!("The {topic} reads token {i} and keeps its state. "))
            .collect();
        std::fs::write(text.join(name), format!("# The {topic}\n\n{body}\n")).unwrap();
    }
    text.display().to_string()
}

/// Fault(output): `char-lm train --out` a folder, a path in a missing folder or below a file, or in a folder that cannot be written | refused before the text is read, naming the path; exit code 1
#[test]
fn an_output_that_cannot_be_written_is_refused_before_the_text_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for out in bad_outputs(dir.path()) {
        // The text folder does not exist either: the output is checked first.
        let args = [
            "train",
            "--text",
            "/nonexistent/text",
            "--out",
            out.to_str().unwrap(),
        ];
        assert_user_error(
            &char_lm(dir.path(), &args),
            1,
            &format!("error: --out {}: ", out.display()),
        );
    }
}

/// The default `--text` was `book`, relative to the current folder: run
/// from anywhere else the program found no text.
#[test]
fn the_book_is_found_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(CHAR_LM)
        .args(["train", "--quick", "--out", "results.json"])
        .current_dir(dir.path())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // The first line says what was read; the training after it is not needed.
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let files: usize = first
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a count of files: {first}"));
    assert!(files >= 10 && first.contains(" files, "), "{first}");
}

#[test]
fn the_quick_form_twice_with_one_seed_gives_identical_results() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let run = |dir: &Path| {
        let text = small_text(dir);
        let args = ["train", "--quick", "--text", &text, "--out", "results.json"];
        let mut json = results_of(CHAR_LM, dir, &args, "results.json");
        // The text's folder is the one thing the two commands differ in.
        json["provenance"]["command"] =
            "char-lm train --quick --text TEXT --out results.json".into();
        json["corpus"]["description"] = "the Markdown files of TEXT".into();
        json
    };
    let first = run(a.path());
    assert!(
        first["run"]["epochs"]
            .as_array()
            .is_some_and(|e| e.len() == 6),
        "{first}"
    );
    assert_eq!(first, run(b.path()));
}

#[test]
fn the_rust_source_is_split_by_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    // 24 files, 12 per crate, each a different length; in path order
    // (alloc/src/f00.rs … core/src/f23.rs) files 10 and 30… are held out:
    // with 24 files, only file 10 (alloc/src/f10.rs).
    let library = dir.path().join("library");
    let mut lengths = Vec::new();
    for i in 0..24 {
        let krate = if i < 12 { "alloc" } else { "core" };
        let src = library.join(krate).join("src");
        std::fs::create_dir_all(&src).unwrap();
        let body = format!("fn f{i}() {{ let x = \"{}\"; }}\n", "ab".repeat(40 + i));
        std::fs::write(src.join(format!("f{i:02}.rs")), body.repeat(30)).unwrap();
        lengths.push(body.len() * 30);
    }
    let args = [
        "train",
        "--quick",
        "--rust-src",
        library.to_str().unwrap(),
        "--out",
        "results.json",
    ];
    let json = results_of(CHAR_LM, dir.path(), &args, "results.json");
    assert_eq!(
        json["corpus"]["split"]["EveryNthFile"], 20,
        "{}",
        json["corpus"]
    );
    assert!(
        json["corpus"]["toolchain"]
            .as_str()
            .unwrap()
            .starts_with("rustc ")
    );
    assert_eq!(json["run"]["files"].as_array().unwrap().len(), 24);
    assert_eq!(json["run"]["held_out_chars"], lengths[10]);
    let total: usize = lengths.iter().sum();
    assert_eq!(json["run"]["train_chars"], total - lengths[10]);
}
