//! `imdb classify` reads its text from the command line, a file (`--file`)
//! or standard input (`-`), classifies any text without a panic, and says
//! how much of it the vocabulary knows: the share of words out of the
//! vocabulary, and a clear note when the model sees no word of the text.

mod common;
use common::examples;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use fileio::user_error::{assert_user_error, run_as_user};
use imdb_data::prepare::Prepared;
use imdb_data::vocab::Vocabulary;
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::{RunConfig, run};

/// A run folder of a small model whose vocabulary knows "wonderful",
/// "awful" and "film", trained one epoch.
fn trained(dir: &Path) {
    let mut config = RunConfig::seeded(CellKind::Lstm, Head::LastReal, 1, 42);
    config.prep.num_words = 30;
    config.embedding_dim = 4;
    config.hidden = 4;
    let data = Prepared {
        vocab: Vocabulary::build(["wonderful wonderful awful film"], 30),
        train: examples(8),
        validation: examples(4),
        test: examples(4),
    };
    run(&config, &data, Some(dir), false, false).unwrap();
}

/// `imdb classify --run-dir DIR ARGS` with `stdin` on its standard input.
fn classify(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let run = dir.join("run").display().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_imdb"))
        .args(["classify", "--run-dir", &run])
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// The standard output of a classification that succeeded, checked for a
/// probability between 0 and 1.
fn classified(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let p: f64 = stdout
        .strip_prefix("P(positive) = ")
        .and_then(|rest| rest.split(':').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no probability in:\n{stdout}"));
    assert!((0.0..=1.0).contains(&p), "{stdout}");
    stdout
}

/// Fault(input text): `imdb classify` of an empty text, punctuation only, emoji, CJK, a right-to-left script, words all outside the vocabulary, or 1 MB of text (from the command line, `--file` or standard input) | classified without a panic; the share of words out of the vocabulary reported, and a note when the model sees no word of the text
#[test]
fn any_text_is_classified_with_the_share_of_unknown_words() {
    let dir = tempfile::tempdir().unwrap();
    trained(&dir.path().join("run"));
    let no_word = "words: 0; the text holds no word";
    let cases: [(&str, &str); 8] = [
        ("", no_word),
        ("?!... ;-) --", no_word),
        ("😀🎬👍🏽", no_word),
        ("这部电影很好看。", no_word),
        ("هذا الفيلم رائع", no_word),
        ("הסרט היה נפלא", no_word),
        (
            "Wonderful film!",
            "words: 2, 0 out of the vocabulary (0.0%)",
        ),
        (
            "zyzzyva quux",
            "words: 2, all out of the vocabulary (30 ids): no word of the text is in the vocabulary",
        ),
    ];
    for (text, said) in cases {
        let stdout = classified(&classify(dir.path(), &[text], b""));
        assert!(stdout.contains(said), "{text:?}:\n{stdout}");
    }
    // 1 MB of text, a third of its words unknown, from a file and from standard input.
    let big = "wonderful film zyzzyva ".repeat((1 << 20) / 23 + 1);
    assert!(big.len() >= 1 << 20);
    let words = 3 * (big.len() / 23);
    let said = format!(
        "words: {words}, {} out of the vocabulary (33.3%)",
        words / 3
    );
    let file = dir.path().join("review.txt");
    std::fs::write(&file, &big).unwrap();
    let stdout = classified(&classify(
        dir.path(),
        &["--file", file.to_str().unwrap()],
        b"",
    ));
    assert!(stdout.contains(&said), "{stdout}");
    let stdout = classified(&classify(dir.path(), &["-"], big.as_bytes()));
    assert!(stdout.contains(&said), "{stdout}");
}

/// Fault(input text): `imdb classify --file` a file that does not exist or is not UTF-8, or no text at all | refused, naming the file (or saying how to give the text); exit code 1
#[test]
fn a_text_file_that_cannot_be_read_is_named() {
    let dir = tempfile::tempdir().unwrap();
    trained(&dir.path().join("run"));
    let run = dir.path().join("run").display().to_string();
    let imdb = |args: &[&str]| {
        let mut all = vec!["classify", "--run-dir", &run];
        all.extend(args);
        run_as_user(env!("CARGO_BIN_EXE_imdb"), dir.path(), &all)
    };
    let missing = dir.path().join("missing.txt").display().to_string();
    assert_user_error(&imdb(&["--file", &missing]), 1, &missing);
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9 film").unwrap();
    let out = imdb(&["--file", latin1.to_str().unwrap()]);
    assert_user_error(&out, 1, &format!("{} is not UTF-8 text", latin1.display()));
    assert_user_error(&imdb(&[]), 1, "no text to classify");
}
