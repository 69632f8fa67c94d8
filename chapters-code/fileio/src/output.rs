//! Where a program writes its results file, checked before any work: a
//! run of an hour must not fail at its end because `--out` names a folder,
//! a folder that does not exist, or a place it may not write.
//!
//! A run with settings other than the book's never writes over the book's
//! recorded results: without `--out` it writes under [`CUSTOM_DIR`].

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::RunArgs;

/// Where a run whose settings are not the book's writes its results file
/// when no `--out` is given (the book's runs write under `book/results/`,
/// `--quick` runs under `target/quick/`).
pub const CUSTOM_DIR: &str = "target/custom";

/// Check, before any work, that a results file can be written at `path`,
/// given on the command line as `flag` (e.g. `--out`): it is not a folder,
/// its folder exists and a file can be made in it. Nothing is left behind.
pub fn check_output(path: &Path, flag: &str) -> Result<()> {
    if path.is_dir() {
        bail!(
            "{flag} {}: is a folder; give the path of a file to write (such as {})",
            path.display(),
            path.join("results.json").display()
        );
    }
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        bail!(
            "{flag} {}: names no file; give the path of a file to write",
            path.display()
        );
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        let what = if dir.exists() {
            "is not a folder"
        } else {
            "does not exist"
        };
        bail!(
            "{flag} {}: its folder {} {what}; create it first, or give another path",
            path.display(),
            dir.display()
        );
    }
    probe(dir, name, path, flag)
}

/// Make and remove a file in `dir`, named as [`write_atomically`](crate::write_atomically)
/// names its temporary file for `name`.
fn probe(dir: &Path, name: &str, path: &Path, flag: &str) -> Result<()> {
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
    {
        Ok(file) => {
            drop(file);
            let _ = std::fs::remove_file(&tmp);
            Ok(())
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(e) => bail!(
            "{flag} {}: cannot write in its folder {}: {e}",
            path.display(),
            dir.display()
        ),
    }
}

/// Make the folder of a default results path `path` and check it as
/// [`check_output`] does (`flag` names the option that would change it).
pub fn prepare_default_output(path: &Path, flag: &str) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        bail!(
            "cannot make the folder {} for the results file {} ({e}); give another path with {flag}",
            dir.display(),
            path.display()
        );
    }
    check_output(path, flag)
}

/// The results file `file` of a run, checked before any work: `out` (the
/// option `--out`) if given (its folder must exist), else the default
/// place, whose folder is made: `book/results/` for the book's run,
/// `target/quick/` for a `--quick` one, and [`CUSTOM_DIR`] when
/// `book_settings` is false (a run whose options change the book's
/// settings never writes over the book's results).
pub fn results_file(
    out: Option<&Path>,
    file: &str,
    quick: bool,
    book_settings: bool,
) -> Result<PathBuf> {
    if let Some(out) = out {
        check_output(out, "--out")?;
        return Ok(out.to_path_buf());
    }
    let path = default_path(file, quick, book_settings);
    prepare_default_output(&path, "--out")?;
    Ok(path)
}

/// The default place of the results file `file`, as [`results_file`] says.
pub fn default_path(file: &str, quick: bool, book_settings: bool) -> PathBuf {
    if book_settings || quick {
        crate::results_path(quick, file)
    } else {
        Path::new(CUSTOM_DIR).join(file)
    }
}

impl RunArgs {
    /// The results file `file` of this run, checked before any work, as
    /// [`results_file`] says: `book_settings` is false when other options
    /// change the book's settings.
    pub fn checked_out(&self, file: &str, book_settings: bool) -> Result<PathBuf> {
        results_file(self.out.as_deref(), file, self.quick, book_settings)
    }
}

/// The command line of the running program, as the user typed it: the
/// program's file name, then every argument (quoted when it holds a space).
pub fn this_command_line() -> String {
    crate::provenance::command_line(std::env::args())
}

/// Results paths that no program may accept, made in the folder `dir`
/// for the programs' tests: a folder, a path in a folder that does not
/// exist, a path below a file, and a path in a folder that cannot be
/// written even by root (`/sys`, on Linux).
pub fn bad_outputs(dir: &Path) -> Vec<PathBuf> {
    let folder = dir.join("a-folder");
    std::fs::create_dir_all(&folder).expect("a folder in the test's folder");
    let file = dir.join("a-file");
    std::fs::write(&file, "not a folder").expect("a file in the test's folder");
    vec![
        folder,
        dir.join("missing").join("results.json"),
        file.join("results.json"),
        Path::new("/sys/results.json").to_path_buf(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_in_the_current_folder_is_accepted_and_nothing_is_left() {
        let dir =
            std::env::temp_dir().join(format!("fileio-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        check_output(&dir.join("out.json"), "--out").unwrap();
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        std::fs::remove_dir(&dir).unwrap();
    }

    #[test]
    fn every_bad_output_is_refused_naming_it_and_nothing_is_left() {
        let dir = std::env::temp_dir().join(format!("fileio-bad-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let reasons = [
            "is a folder",
            "does not exist",
            "is not a folder",
            "cannot write in its folder /sys",
        ];
        for (path, reason) in bad_outputs(&dir).iter().zip(reasons) {
            let message = check_output(path, "--out").unwrap_err().to_string();
            assert!(
                message.starts_with(&format!("--out {}: ", path.display()))
                    && message.contains(reason),
                "{message}"
            );
        }
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["a-file", "a-folder"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_the_books_settings_write_the_books_results() {
        assert_eq!(
            default_path("x.json", false, true),
            Path::new("book/results/x.json")
        );
        assert_eq!(
            default_path("x.json", true, true),
            Path::new("target/quick/x.json")
        );
        assert_eq!(
            default_path("x.json", true, false),
            Path::new("target/quick/x.json")
        );
        assert_eq!(
            default_path("x.json", false, false),
            Path::new("target/custom/x.json")
        );
        let dir = std::env::temp_dir().join(format!("fileio-given-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let given = dir.join("given.json");
        assert_eq!(
            results_file(Some(&given), "x.json", false, true).unwrap(),
            given
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_parent_folder_is_a_folder_not_a_file() {
        let message = check_output(Path::new(".."), "--out")
            .unwrap_err()
            .to_string();
        assert!(message.contains("is a folder"), "{message}");
    }
}
