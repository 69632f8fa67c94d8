//! The `imdb` program refuses settings it cannot train with before any
//! work: out-of-range options by clap (exit code 2), the rest (a `--limit`
//! too small, a checkpoint that is not this run's, `--resume` without a
//! checkpoint) before the data is looked for, so that these tests need
//! neither the dataset nor the network: `--data-dir` names an empty folder.

mod common;
use common::examples;

use std::path::Path;
use std::process::Output;

use imdb_data::prepare::Prepared;
use imdb_data::vocab::Vocabulary;
use recurrent::CellKind;
use sentiment::model::Head;
use sentiment::run::{RunConfig, run};

/// Run `imdb` with `args` in the folder `dir`.
fn imdb(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_imdb"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the imdb program starts")
}

/// The standard error of a run that failed with exit code `code` (not a panic).
fn failed(output: &Output, code: i32) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// A temporary folder: the program's working folder, an empty `data/`
/// (the dataset is not there) and the path of a run folder not yet made.
struct Setting {
    dir: tempfile::TempDir,
}

impl Setting {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        Setting { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// `imdb train ARGS --data-dir data --run-dir run`.
    fn train(&self, args: &[&str]) -> Output {
        let (data, run) = (self.path("data"), self.path("run"));
        let mut all = vec!["train", "--data-dir", &data, "--run-dir", &run];
        all.extend(args);
        imdb(self.dir.path(), &all)
    }
}

/// Fault(arguments): `imdb train` with `--batch-size 0`, `--maxlen 0`, `--num-words 3`, `--epochs 0`, or a `--clip` that is 0, negative, infinite or NaN | a usage error naming the flag; no run folder made; exit code 2
#[test]
fn options_out_of_range_are_refused_by_clap() {
    let cases: [(&[&str], &str); 10] = [
        (&["--batch-size", "0"], "--batch-size"),
        (&["--maxlen", "0"], "--maxlen"),
        (&["--num-words", "3"], "--num-words"),
        (&["--num-words", "99999999999"], "--num-words"),
        (&["--epochs", "0"], "--epochs"),
        (&["--clip=-inf"], "--clip"),
        (&["--clip", "0"], "--clip"),
        (&["--clip=-1"], "--clip"),
        (&["--clip", "NaN"], "--clip"),
        (&["--clip", "inf"], "--clip"),
    ];
    for (args, flag) in cases {
        let setting = Setting::new();
        let stderr = failed(&setting.train(args), 2);
        assert!(
            stderr.contains("invalid value") && stderr.contains(flag),
            "{args:?}: {stderr}"
        );
        assert!(!setting.dir.path().join("run").exists(), "{args:?}");
    }
    let setting = Setting::new();
    let stderr = failed(&setting.train(&["--num-words", "3"]), 2);
    assert!(stderr.contains("4..=1000000"), "{stderr}");
    let data = setting.path("data");
    for args in [
        ["experiments", "--out", "x.json", "--epochs", "0"],
        ["stats", "--data-dir", &data, "--maxlen", "0"],
    ] {
        let stderr = failed(&imdb(setting.dir.path(), &args), 2);
        assert!(stderr.contains("invalid value"), "{args:?}: {stderr}");
    }
}

/// `--limit 0`, `1` and `3` gave NaN results and exit code 0.
/// Fault(arguments): `imdb train --limit 0`, `1` or `3` | refused before the data is looked for, naming the least limit that works (8); no run folder made; exit code 1
#[test]
fn too_small_a_limit_is_refused_before_the_data_is_looked_for() {
    for limit in ["0", "1", "3"] {
        let setting = Setting::new();
        let stderr = failed(&setting.train(&["--limit", limit]), 1);
        assert!(
            stderr.contains(&format!("limit is {limit}:"))
                && stderr.contains("use a limit of at least 8"),
            "{stderr}"
        );
        assert!(!stderr.contains(&setting.path("data")), "{stderr}");
        assert!(!setting.dir.path().join("run").exists());
    }
}

/// Fault(runs): `imdb train --resume` with no checkpoint in the run folder | refused, naming the folder and saying to leave out `--resume`; no run folder made; exit code 1
#[test]
fn resume_without_a_checkpoint_is_an_error() {
    let setting = Setting::new();
    let stderr = failed(&setting.train(&["--resume"]), 1);
    assert!(
        stderr.contains(&format!("cannot resume {}", setting.path("run")))
            && stderr.contains("there is no checkpoint")
            && stderr.contains("leave out --resume"),
        "{stderr}"
    );
    assert!(!setting.dir.path().join("run").exists());
}

/// Train `config` one epoch on a few made-up reviews, into `dir`.
fn trained(config: &RunConfig, dir: &Path) {
    let data = Prepared {
        vocab: Vocabulary::build(["w"], config.prep.num_words),
        train: examples(8),
        validation: examples(4),
        test: examples(4),
    };
    run(config, &data, Some(dir), false, false).unwrap();
}

/// The article's settings, as `imdb train` and `imdb experiments` give them
/// by default, for one epoch.
fn article(cell: CellKind) -> RunConfig {
    RunConfig::seeded(cell, Head::LastReal, 1, 42)
}

/// `imdb train --resume --cell lstm` trained the GRU of the checkpoint and
/// recorded an LSTM; with another `--num-words` it panicked.
/// Fault(runs): `imdb train --resume` with another `--cell`, `--num-words` or `--seed` than the checkpoint | refused before the data is looked for, naming the difference; `config.json` unchanged; exit code 1
#[test]
fn train_resume_refuses_the_checkpoint_of_other_settings_before_the_data_is_looked_for() {
    let setting = Setting::new();
    let run_dir = setting.dir.path().join("run");
    trained(&article(CellKind::Gru), &run_dir);
    let config = std::fs::read(run_dir.join("config.json")).unwrap();
    let cases: [(&[&str], &str); 3] = [
        (
            &["--cell", "lstm"],
            "cell = Gru, this run asks for cell = Lstm",
        ),
        (
            &["--cell", "gru", "--num-words", "30000"],
            "prep.num_words = 20000, this run asks for prep.num_words = 30000",
        ),
        (
            &["--cell", "gru", "--seed", "7"],
            "prep.seed = 42, this run asks for prep.seed = 7",
        ),
    ];
    for (args, difference) in cases {
        let mut all = vec!["--resume", "--epochs", "2"];
        all.extend(args);
        let stderr = failed(&setting.train(&all), 1);
        assert!(
            stderr.contains(&format!("cannot resume {}", setting.path("run")))
                && stderr.contains(difference)
                && stderr.contains("--run-dir"),
            "{stderr}"
        );
        assert!(!stderr.contains(&setting.path("data")), "{stderr}");
    }
    assert_eq!(std::fs::read(run_dir.join("config.json")).unwrap(), config);
    // The same settings pass the check and go on to look for the data.
    let stderr = failed(
        &setting.train(&["--resume", "--epochs", "2", "--cell", "gru"]),
        1,
    );
    assert!(stderr.contains(&setting.path("data")), "{stderr}");
}

/// `imdb experiments` resumed `runs/*` checkpoints of other settings, or of
/// an earlier `--seed`, and recorded them as the new run.
/// Fault(runs): `imdb experiments --seed 7` over run folders trained with seed 42 | refused before the data is looked for, naming the folder and both seeds; exit code 1
#[test]
fn experiments_refuse_a_checkpoint_of_another_seed_before_the_data_is_looked_for() {
    let setting = Setting::new();
    trained(
        &article(CellKind::Gru),
        &setting.dir.path().join("runs/gru-lastreal"),
    );
    let (data, runs) = (setting.path("data"), setting.path("runs"));
    let experiments = |seed: &str| {
        imdb(
            setting.dir.path(),
            &[
                "experiments",
                "--out",
                "out.json",
                "--epochs",
                "1",
                "--seed",
                seed,
                "--runs",
                &runs,
                "--data-dir",
                &data,
            ],
        )
    };
    let stderr = failed(&experiments("7"), 1);
    assert!(
        stderr.contains(&format!(
            "cannot resume {}",
            Path::new(&runs).join("gru-lastreal").display()
        )) && stderr.contains("prep.seed = 42, this run asks for prep.seed = 7"),
        "{stderr}"
    );
    assert!(!stderr.contains(&data), "{stderr}");
    let stderr = failed(&experiments("42"), 1);
    assert!(stderr.contains(&data), "{stderr}");
}

/// An empty `train/neg` and `train/pos` ended in an index out of bounds.
/// Fault(data): a dataset whose `neg/` and `pos/` folders are empty | `imdb stats` refuses it: no training reviews; exit code 1
#[test]
fn stats_of_empty_class_folders_is_an_error() {
    let setting = Setting::new();
    for folder in ["train/neg", "train/pos", "test/neg", "test/pos"] {
        std::fs::create_dir_all(setting.dir.path().join("data/aclImdb").join(folder))
            .unwrap();
    }
    let data = setting.path("data");
    let stderr = failed(
        &imdb(setting.dir.path(), &["stats", "--data-dir", &data]),
        1,
    );
    assert!(stderr.contains("no training reviews"), "{stderr}");
}

/// A vocabulary with more ids than the model's embedding has rows ended in
/// an index out of bounds in the embedding.
/// Fault(runs): a run folder whose `vocab.txt` has more ids than the model's embedding has rows | `imdb classify` refuses it, naming both sizes; exit code 1
#[test]
fn classify_refuses_a_vocabulary_larger_than_the_embedding() {
    let setting = Setting::new();
    let run_dir = setting.dir.path().join("run");
    let mut config = article(CellKind::Lstm);
    config.prep.num_words = 30;
    config.embedding_dim = 4;
    config.hidden = 4;
    trained(&config, &run_dir);
    // 40 words, each once: ids 3 to 42, beyond the embedding's 30 rows.
    let words: Vec<String> = (0..40).map(|i| format!("w{}", "x".repeat(i))).collect();
    let text = words.join(" ");
    Vocabulary::build([text.as_str()], 50)
        .save(&run_dir.join("vocab.txt"))
        .unwrap();
    let run = setting.path("run");
    let stderr = failed(
        &imdb(setting.dir.path(), &["classify", "--run-dir", &run, &text]),
        1,
    );
    assert!(
        stderr.contains("vocab.txt numbers 50 ids") && stderr.contains("has only 30 rows"),
        "{stderr}"
    );
}
