//! A training stopped by Ctrl-C (SIGINT) or killed outright (SIGKILL)
//! loses nothing: the run folder keeps the checkpoint of the last complete
//! epoch, and `--resume` continues to the very model, bit for bit, that
//! the same command trains without a stop. The real `imdb` program is
//! run on a tiny synthetic dataset (a few seconds per run).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{dataset, imdb, train_args, without_timings};

/// Epochs of every run here: enough that a stop after the first lands
/// mid-training.
const EPOCHS: usize = 6;

/// A checkpoint's tensors (bytes, by name) and metadata (JSON values where
/// the entry is JSON), with the timings of its history removed.
type Contents = (
    BTreeMap<String, Vec<u8>>,
    BTreeMap<String, serde_json::Value>,
);

fn contents(path: &Path) -> Contents {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let tensors = safetensors::SafeTensors::deserialize(&bytes).unwrap();
    let data = tensors
        .tensors()
        .into_iter()
        .map(|(name, view)| (name, view.data().to_vec()))
        .collect();
    let (_, header) = safetensors::SafeTensors::read_metadata(&bytes).unwrap();
    let metadata = header
        .metadata()
        .clone()
        .unwrap_or_default()
        .into_iter()
        .map(|(key, text)| {
            let mut value =
                serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
            without_timings(&mut value);
            (key, value)
        })
        .collect();
    (data, metadata)
}

/// What a finished run folder holds, timings aside: every checkpoint, the
/// metrics, the configuration and the vocabulary.
#[derive(Debug, PartialEq)]
struct Finished {
    models: Vec<Contents>,
    metrics: serde_json::Value,
    config: String,
    vocab: String,
}

fn finished(run_dir: &Path) -> Finished {
    let read = |name: &str| std::fs::read_to_string(run_dir.join(name)).unwrap();
    let mut metrics = serde_json::from_str(&read("metrics.json")).unwrap();
    without_timings(&mut metrics);
    Finished {
        models: ["model", "checkpoint", "best"]
            .map(|m| contents(&run_dir.join(format!("{m}.safetensors"))))
            .to_vec(),
        metrics,
        config: read("config.json"),
        vocab: read("vocab.txt"),
    }
}

/// A temporary folder with the synthetic dataset.
fn setting() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(&dir.path().join("data"), 200);
    (dir, data)
}

/// The run folder of an uninterrupted training, made once for the tests.
fn uninterrupted() -> &'static Finished {
    static RUN: OnceLock<Finished> = OnceLock::new();
    RUN.get_or_init(|| {
        let (dir, data) = setting();
        let run_dir = dir.path().join("run");
        let out = imdb(dir.path(), &train_args(&data, &run_dir, EPOCHS));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        finished(&run_dir)
    })
}

/// Start a training of `EPOCHS` epochs into `run_dir`, and return it once
/// its first checkpoint is written.
fn start_and_wait_for_a_checkpoint(dir: &Path, data: &Path, run_dir: &Path) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imdb"))
        .args(train_args(data, run_dir, EPOCHS))
        .current_dir(dir)
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !run_dir.join("checkpoint.safetensors").is_file() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the training ended before its first checkpoint"
        );
        assert!(start.elapsed() < Duration::from_secs(120), "no checkpoint");
        std::thread::sleep(Duration::from_millis(5));
    }
    child
}

/// The number of epochs the checkpoint of `run_dir` holds.
fn epochs_kept(run_dir: &Path) -> usize {
    let (_, metadata) = contents(&run_dir.join("checkpoint.safetensors"));
    metadata["history"].as_array().unwrap().len()
}

/// Fault(runs): SIGINT (Ctrl-C) during `imdb train` | stops after the current batch, keeps the last complete epoch's checkpoint, prints which epoch is kept and the command to resume; exit code 130; the resumed run ends bit-identical to an uninterrupted one
#[test]
fn ctrl_c_keeps_the_last_epoch_and_resuming_gives_the_uninterrupted_model() {
    let (dir, data) = setting();
    let run_dir = dir.path().join("run");
    let child = start_and_wait_for_a_checkpoint(dir.path(), &data, &run_dir);
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let kept = epochs_kept(&run_dir);
    assert!(
        (1..EPOCHS).contains(&kept),
        "the stop must land mid-training: {kept} epochs kept"
    );
    let checkpoint = run_dir.join("checkpoint.safetensors");
    assert!(
        stderr.contains(&format!(
            "error: interrupted during epoch {} of {EPOCHS}; nothing of that epoch was saved; {} keeps epoch {kept}, the last complete one",
            kept + 1,
            checkpoint.display()
        )),
        "{stderr}"
    );
    assert!(
        !run_dir.join("metrics.json").exists(),
        "no metrics of an unfinished run"
    );
    // The command it prints resumes the run, to the uninterrupted model.
    let line = stderr
        .lines()
        .find_map(|l| l.strip_prefix("to resume: "))
        .unwrap_or_else(|| panic!("no command to resume in:\n{stderr}"));
    let words: Vec<&str> = line.split(' ').collect();
    assert_eq!(words[0], env!("CARGO_BIN_EXE_imdb"));
    let mut expected = train_args(&data, &run_dir, EPOCHS);
    expected.push("--resume".to_owned());
    assert_eq!(words[1..], expected);
    let resumed = imdb(dir.path(), &expected);
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    assert!(
        finished(&run_dir) == *uninterrupted(),
        "the resumed run differs"
    );
}

/// Fault(runs): SIGKILL during training, a checkpoint write cut off (its temporary file left behind) | `--resume` continues from the last good checkpoint, removes the leftover temporary file, and ends bit-identical to an uninterrupted run
#[test]
fn a_killed_training_resumes_from_its_last_good_checkpoint_to_the_same_model() {
    let (dir, data) = setting();
    let run_dir = dir.path().join("run");
    let mut child = start_and_wait_for_a_checkpoint(dir.path(), &data, &run_dir);
    std::thread::sleep(Duration::from_millis(150));
    child.kill().unwrap();
    child.wait().unwrap();
    let kept = epochs_kept(&run_dir);
    assert!((1..EPOCHS).contains(&kept), "{kept} epochs kept");
    // A write cut off by the kill leaves a partial temporary file beside
    // the checkpoint, which the atomic rename never made the checkpoint.
    let bytes = std::fs::read(run_dir.join("checkpoint.safetensors")).unwrap();
    let leftover = run_dir.join(".checkpoint.safetensors.4194304.tmp");
    std::fs::write(&leftover, &bytes[..bytes.len() / 3]).unwrap();
    let mut args = train_args(&data, &run_dir, EPOCHS);
    args.push("--resume".to_owned());
    let resumed = imdb(dir.path(), &args);
    let stderr = String::from_utf8_lossy(&resumed.stderr);
    assert!(resumed.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "resuming {} after epoch {kept}",
            run_dir.display()
        )),
        "{stderr}"
    );
    assert!(!leftover.exists(), "the leftover temporary file is removed");
    assert!(
        stderr.contains(&format!("removed {}", leftover.display())),
        "{stderr}"
    );
    assert!(
        finished(&run_dir) == *uninterrupted(),
        "the resumed run differs"
    );
}

/// The same command with the same seed, twice: the same files, bit for bit
/// (timings aside).
#[test]
fn training_twice_with_one_seed_gives_identical_files() {
    let (dir, data) = setting();
    let run_dir = dir.path().join("again");
    let out = imdb(dir.path(), &train_args(&data, &run_dir, EPOCHS));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = finished(&run_dir);
    let first = uninterrupted();
    assert_eq!(again.metrics, first.metrics);
    assert!(again == *first, "the second run's checkpoints differ");
}
