//! A run folder's files, damaged after the run or crafted, are refused
//! with a message naming them: a vocabulary cut short or edited (the model
//! records the vocabulary's size and SHA-256), a checkpoint whose header
//! claims more than the file holds or a model far larger than its tensors.
//! And nothing a killed write leaves behind survives the next run.

mod common;

use std::path::Path;

use common::{config, data, train_into};
use imdb_data::vocab::Vocabulary;
use rand::SeedableRng;
use rand::rngs::StdRng;
use recurrent::CellKind;
use sentiment::checkpoint;
use sentiment::header::expected_shapes;
use sentiment::lock::leftover;
use sentiment::model::{Classifier, Head, ModelShape};
use sentiment::run::load_trained;

/// A run folder trained one epoch on data whose vocabulary lists five words.
fn trained() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut data = data();
    data.vocab = Vocabulary::build(["alpha beta gamma delta epsilon"], 30);
    train_into(dir.path(), &config(CellKind::Gru, 1), &data);
    dir
}

/// The message of `load_trained` on `dir`, which must fail.
fn refusal(dir: &Path) -> String {
    format!("{:#}", load_trained(dir).err().expect("refused"))
}

/// Fault(runs): a run folder whose `vocab.txt` was cut short, or edited, after training | refused on loading, naming `vocab.txt` and the model, with the number of words each records
#[test]
fn a_vocabulary_cut_short_or_edited_is_refused() {
    let dir = trained();
    let path = dir.path().join("vocab.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, "30\nalpha\nbeta\ndelta\nepsilon\ngamma\n");
    load_trained(dir.path()).expect("the run folder as written loads");
    let model = dir.path().join("model.safetensors").display().to_string();
    let cases = [
        ("30\nalpha\nbeta\n", "lists 2 words", "cut short"),
        (
            "30\nalpha\nbeta\ndelta\nepsilon\n",
            "lists 4 words",
            "cut short",
        ),
        (
            "30\nalpha\nbeta\ndelta\nepsilon\nzeta\n",
            "lists 5 words",
            "edited",
        ),
    ];
    for (changed, words, how) in cases {
        std::fs::write(&path, changed).unwrap();
        let message = refusal(dir.path());
        assert!(
            message.starts_with(&format!(
                "{} is not the vocabulary {model} was trained with: it {words}",
                path.display()
            )) && message.contains("the model's 5")
                && message.contains(&format!("it was {how}")),
            "{message}"
        );
    }
    std::fs::write(&path, &text).unwrap();
    load_trained(dir.path()).expect("the vocabulary restored loads again");
}

#[test]
fn the_vocabulary_is_written_atomically_and_nothing_else_is_left() {
    let dir = trained();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "best.safetensors",
            "checkpoint.safetensors",
            "config.json",
            "metrics.json",
            "model.safetensors",
            "run.lock",
            "vocab.txt"
        ]
    );
}

/// The file `path` (a safetensors file) with its metadata entry `key` set to `value`.
fn with_metadata(path: &Path, key: &str, value: &str) {
    let bytes = std::fs::read(path).unwrap();
    let length = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    let mut header: serde_json::Value =
        serde_json::from_slice(&bytes[8..8 + length]).unwrap();
    header["__metadata__"][key] = value.into();
    let header = serde_json::to_vec(&header).unwrap();
    let mut crafted = (header.len() as u64).to_le_bytes().to_vec();
    crafted.extend(header);
    crafted.extend(&bytes[8 + length..]);
    std::fs::write(path, crafted).unwrap();
}

fn shape(num_words: usize) -> ModelShape {
    ModelShape {
        num_words,
        embedding_dim: 6,
        hidden: 5,
        cell: CellKind::Lstm,
        head: Head::LastReal,
    }
}

/// Fault(runs): a crafted checkpoint whose metadata claims a model of 10^11 words, or whose header claims more bytes than the file holds | refused before anything is allocated for it, naming the file and the tensor, or both sizes; no abort
#[test]
fn a_crafted_checkpoint_is_refused_before_it_is_allocated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.safetensors");
    let model = Classifier::<f32>::new(shape(40), &mut StdRng::seed_from_u64(1));
    checkpoint::save(&path, &model, None, Default::default()).unwrap();
    // 10^11 words of 6 dimensions: 2.4 TB, if the program believed it.
    let huge = serde_json::to_string(&shape(100_000_000_000)).unwrap();
    with_metadata(&path, "shape", &huge);
    let message = format!("{:#}", checkpoint::load(&path).err().expect("refused"));
    assert!(
        message.starts_with(&format!(
            "{}: the tensor 'embedding.weight' has shape [40, 6], but the model its metadata describes",
            path.display()
        )) && message.contains("needs [100000000000, 6]"),
        "{message}"
    );
    // A header that claims 90 MB in a file of a few kilobytes.
    let mut bytes = std::fs::read(&path).unwrap();
    let size = bytes.len();
    bytes[..8].copy_from_slice(&90_000_000u64.to_le_bytes());
    std::fs::write(&path, &bytes).unwrap();
    for err in [
        checkpoint::load(&path).err().expect("refused"),
        checkpoint::read_metadata(&path).expect_err("refused"),
    ] {
        let message = format!("{err:#}");
        assert_eq!(
            message,
            format!(
                "{} is not a safetensors file: its header claims 90000000 bytes, but the file holds {size} bytes in all (the file is damaged or cut short)",
                path.display()
            )
        );
    }
}

/// The crafted model of a run folder is refused by `load_trained` too, on
/// its header, against the run's `config.json`.
#[test]
fn a_run_folder_with_a_crafted_model_is_refused_on_its_header() {
    let dir = trained();
    let path = dir.path().join("model.safetensors");
    let mut huge = config(CellKind::Gru, 1).shape();
    huge.num_words = 100_000_000_000;
    with_metadata(&path, "shape", &serde_json::to_string(&huge).unwrap());
    let message = refusal(dir.path());
    assert!(
        message.starts_with(&format!(
            "{} holds a GRU of 8 units on an embedding of 100000000000 ids × 8 dimensions, last-real head, but ",
            path.display()
        )) && message.contains("describes a GRU of 8 units on an embedding of 30 ids × 8 dimensions")
            && message.contains("the files are not from the same run"),
        "{message}"
    );
}

#[test]
fn the_expected_shapes_are_those_of_a_model_of_each_cell() {
    for cell in [
        CellKind::Lstm,
        CellKind::Gru,
        CellKind::Rnn,
        CellKind::GruFast,
    ] {
        let shape = ModelShape { cell, ..shape(40) };
        let model = Classifier::<f32>::new(shape, &mut StdRng::seed_from_u64(1));
        let state: Vec<(String, Vec<usize>)> = checkpoint::pytorch_state(&model)
            .into_iter()
            .map(|(name, t)| (name, t.shape().to_vec()))
            .collect();
        let expected: Vec<(String, Vec<usize>)> = expected_shapes(&shape)
            .unwrap()
            .into_iter()
            .map(|(name, s)| (name.to_owned(), s))
            .collect();
        assert_eq!(state, expected, "{cell:?}");
    }
}

#[test]
fn only_the_temporary_files_of_a_run_folders_files_are_leftovers() {
    for name in [
        ".checkpoint.safetensors.123.tmp",
        ".vocab.txt.4194304.tmp",
        ".metrics.json.7.tmp",
    ] {
        assert!(leftover(name), "{name}");
    }
    for name in [
        "checkpoint.safetensors",
        ".checkpoint.safetensors.tmp",
        ".checkpoint.safetensors.12a.tmp",
        ".notes.md.123.tmp",
        ".run.lock.123.tmp",
    ] {
        assert!(!leftover(name), "{name}");
    }
}
