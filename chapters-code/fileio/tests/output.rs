//! Writing the results files: a file that cannot be written is an error
//! naming it, and nothing half-written is left behind.

use std::path::{Path, PathBuf};

use fileio::{load_json, results_path, save_json, write_atomically};

/// An empty folder of its own for the test `name`, under Cargo's folder for
/// the temporary files of integration tests.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fileio-output")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names of the entries of `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Fault(output): an output path whose folder cannot be made (a file is in the way) | refused, naming the path; nothing written
#[test]
fn an_output_folder_that_cannot_be_made_is_named() {
    let dir = folder("blocked");
    std::fs::write(dir.join("results"), "a file, not a folder").unwrap();
    let path = dir.join("results").join("out.json");
    let message = save_json(&path, &[1, 2, 3]).unwrap_err().to_string();
    assert!(
        message.starts_with(&path.display().to_string()),
        "{message}"
    );
    assert_eq!(entries(&dir), ["results"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("results")).unwrap(),
        "a file, not a folder"
    );
}

/// Fault(output): an output path that is a folder | refused, naming the path; the folder unchanged and no temporary file left
#[test]
fn an_output_path_that_is_a_folder_leaves_no_temporary_file() {
    let dir = folder("onto-a-folder");
    let path = dir.join("out.json");
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("kept.txt"), "kept").unwrap();
    let message = write_atomically(&path, b"{}").unwrap_err().to_string();
    assert!(
        message.starts_with(&path.display().to_string()),
        "{message}"
    );
    assert_eq!(entries(&dir), ["out.json"], "no temporary file left");
    assert_eq!(entries(&path), ["kept.txt"]);
}

/// Fault(output): a results file that is not JSON (damaged, or of another program) | refused, naming the file and the command that writes it
#[test]
fn a_results_file_that_is_not_json_is_named_with_its_command() {
    let dir = folder("not-json");
    let path = dir.join("results.json");
    std::fs::write(&path, "half a fi").unwrap();
    let message = load_json::<Vec<u32>>(&path, "`imdb experiments`")
        .unwrap_err()
        .to_string();
    assert!(
        message.contains(&path.display().to_string())
            && message.contains("not a results file of `imdb experiments`"),
        "{message}"
    );
}

/// Fault(output): a results file replaced by a new run | the new file replaces the old whole, through a temporary file and a rename; no temporary file left
#[test]
fn a_results_file_is_replaced_whole() {
    let dir = folder("replaced");
    let path = dir.join("results.json");
    save_json(&path, &vec![1u32; 1000]).unwrap();
    save_json(&path, &[7u32]).unwrap();
    assert_eq!(load_json::<Vec<u32>>(&path, "test").unwrap(), [7]);
    assert_eq!(entries(&dir), ["results.json"]);
}

/// Fault(output): a `--quick` run | writes its results under `target/quick/`, never over the results the book shows (`book/results/`)
#[test]
fn a_quick_run_never_writes_over_the_recorded_results() {
    assert_eq!(
        results_path(true, "x.json"),
        Path::new("target/quick/x.json")
    );
    assert_eq!(
        results_path(false, "x.json"),
        Path::new("book/results/x.json")
    );
}
