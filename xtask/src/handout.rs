//! `cargo xtask exercises handout DIR`: the students' copy of the repository,
//! without the reference solutions.
//!
//! It copies every file of the working tree that git tracks or does not
//! ignore (so a change not yet committed goes with it), except the folder
//! `solutions/`. In the root and `exercises/` manifests,
//! `exercises/src/lib.rs` and `.ci/run` it leaves out every line marked with
//! [`MARKER`], and in the README the row for `solutions/`; every other file
//! is copied as it is. What is left builds without the solutions: the feature
//! `solutions` and the crate `exercise-solutions` are gone from every
//! manifest, and Cargo takes the crate out of Cargo.lock.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail, ensure};

/// The marker of a line that the students' copy leaves out.
/// (Written in two parts so that no line of this crate carries it.)
pub const MARKER: &str = concat!("solutions", "-only");

/// The files whose marked lines are left out.
const EDITED: [&str; 5] = [
    "Cargo.toml",
    "exercises/Cargo.toml",
    "exercises/src/lib.rs",
    ".ci/run",
    "README.md",
];

/// Writes the students' copy of the repository at `root` into `dest` (a
/// folder that does not exist yet, or is empty) and returns the number of
/// files written.
pub fn handout(root: &Path, dest: &Path) -> Result<usize> {
    if dest.exists() {
        let mut entries = std::fs::read_dir(dest)
            .with_context(|| format!("reading {}", dest.display()))?;
        ensure!(
            entries.next().is_none(),
            "{} is not empty: give a new folder for the students' copy",
            dest.display()
        );
    }
    let mut written = 0;
    for file in tracked_files(root)? {
        if file.starts_with("solutions") {
            continue;
        }
        let (from, to) = (root.join(&file), dest.join(&file));
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        if EDITED.iter().any(|e| file == Path::new(e)) {
            let text = std::fs::read_to_string(&from)
                .with_context(|| format!("reading {}", from.display()))?;
            std::fs::write(&to, without_solutions(&file, &text))
                .with_context(|| format!("writing {}", to.display()))?;
        } else {
            std::fs::copy(&from, &to).with_context(|| {
                format!("copying {} to {}", from.display(), to.display())
            })?;
        }
        written += 1;
    }
    drop_from_lockfile(dest)?;
    Ok(written)
}

/// Lets Cargo resolve the copy, offline: it takes `exercise-solutions` out
/// of Cargo.lock and changes no other version.
fn drop_from_lockfile(dest: &Path) -> Result<()> {
    let output =
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
            .current_dir(dest)
            .args(["metadata", "--offline", "--format-version", "1"])
            .output()
            .context("running cargo metadata in the students' copy")?;
    if !output.status.success() {
        bail!(
            "Cargo cannot resolve the students' copy in {}: {}",
            dest.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// The files under `root` that git tracks or does not ignore, and that
/// exist in the working tree, relative to `root`.
fn tracked_files(root: &Path) -> Result<Vec<PathBuf>> {
    let output = Command::new("git")
        .current_dir(root)
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .output()
        .context("running git ls-files (the students' copy is made from a git checkout)")?;
    if !output.status.success() {
        bail!(
            "git ls-files failed in {}: {}",
            root.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output
        .stdout
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .filter(|file| root.join(file).is_file())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect())
}

/// `text` (the file `file`) without its lines marked [`MARKER`], and
/// without the README's row for the folder `solutions/`.
pub fn without_solutions(file: &Path, text: &str) -> String {
    let readme = file == Path::new("README.md");
    let mut kept: String = text
        .lines()
        .filter(|line| !line.contains(MARKER))
        .filter(|line| !(readme && line.starts_with("| `solutions/` |")))
        .collect::<Vec<_>>()
        .join("\n");
    if text.ends_with('\n') {
        kept.push('\n');
    }
    kept
}
