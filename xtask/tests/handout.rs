//! The students' copy of the repository (`cargo xtask exercises handout`)
//! holds no solution, no line that names them, and a workspace that Cargo
//! still resolves.

use std::path::Path;
use std::process::Command;

use xtask::handout::{MARKER, handout, without_solutions};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

#[test]
fn marked_lines_and_the_readme_row_are_left_out() {
    let text = format!("a\nb = 1 # {MARKER}\n| `solutions/` | x |\nc\n");
    assert_eq!(
        without_solutions(Path::new("x.toml"), &text),
        "a\n| `solutions/` | x |\nc\n"
    );
    assert_eq!(without_solutions(Path::new("README.md"), &text), "a\nc\n");
}

#[test]
fn the_students_copy_has_no_solutions_and_still_resolves() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let dest = dir.path().join("course");
    let files = handout(root(), &dest).expect("the students' copy");
    assert!(files > 100, "only {files} files were copied");
    assert!(
        !dest.join("solutions").exists(),
        "solutions/ must not be handed out"
    );
    assert!(dest.join("exercises/src/vanilla_backward.rs").is_file());
    // The book's pages and the hand-out tool itself may describe the
    // solutions; no manifest, no file of the student's crate and no CI
    // script of the copy may name them.
    let checked = |path: &Path| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let in_exercises = path.starts_with(dest.join("exercises"));
        let is_md = path.extension().is_some_and(|e| e == "md");
        matches!(name, "Cargo.toml" | "Cargo.lock" | "run") || (in_exercises && !is_md)
    };
    let mut scanned = 0;
    for entry in walk(&dest) {
        if !checked(&entry) {
            continue;
        }
        scanned += 1;
        let Ok(text) = std::fs::read_to_string(&entry) else {
            continue;
        };
        for word in ["exercise-solutions", "exercise_solutions", MARKER] {
            assert!(
                !text.contains(word),
                "{} still contains `{word}`",
                entry.display()
            );
        }
    }
    assert!(
        scanned > 30,
        "only {scanned} manifests and exercise files were scanned"
    );
    let readme = std::fs::read_to_string(dest.join("README.md")).expect("the README");
    assert!(
        !readme.contains("| `solutions/` |"),
        "the README lists solutions/"
    );
    let metadata = Command::new(env!("CARGO"))
        .current_dir(&dest)
        .args(["metadata", "--offline", "--format-version", "1"])
        .output()
        .expect("cargo metadata runs");
    assert!(
        metadata.status.success(),
        "Cargo cannot resolve the students' copy: {}",
        String::from_utf8_lossy(&metadata.stderr)
    );
    let json = String::from_utf8_lossy(&metadata.stdout);
    assert!(
        json.contains("\"name\":\"exercises\""),
        "the crate exercises is in the copy"
    );
    let refused =
        handout(root(), &dest).expect_err("a folder that is not empty is refused");
    assert!(refused.to_string().contains("not empty"), "{refused}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
