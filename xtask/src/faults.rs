//! The table of bad inputs and faults (Appendix C, `book/generated/faults.md`),
//! gathered from the tests that check them, so that it cannot drift from them.
//!
//! A test declares itself a row of the table with a line of its doc comment:
//!
//! ```text
//! /// Fault(data): an archive cut short | refused, naming the file; nothing left in the cache
//! #[test]
//! fn a_corrupted_download_is_rejected_and_leaves_nothing() {
//! ```
//!
//! `Fault(AREA): SITUATION | WHAT HAPPENS`, where AREA is one of [`AREAS`].
//! The marker must be in the doc comment directly above a `#[test]` function
//! (other doc lines and attributes may come between), and the test must not
//! be `#[ignore]`d. Every crate of the
//! workspace is searched, in its `tests/*.rs` files; a malformed marker, or
//! one that is not above a `#[test]` function, is an error naming the file
//! and line.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::workspace::Member;

/// The areas of the table, in the order of the page.
pub const AREAS: [&str; 6] = [
    "data",
    "runs",
    "numbers",
    "arguments",
    "input text",
    "output",
];

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub area: String,
    pub situation: String,
    pub outcome: String,
    /// The package that owns the test.
    pub package: String,
    /// The test file's name without `.rs` (the test target).
    pub target: String,
    /// The `#[test]` function.
    pub function: String,
    /// The file and the line of the marker.
    pub file: PathBuf,
    pub line: usize,
}

impl Fault {
    /// `package::target::function`.
    pub fn test_name(&self) -> String {
        format!("{}::{}::{}", self.package, self.target, self.function)
    }
}

/// The doc-comment text of `line`, if it is a `///` line.
fn doc_text(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if trimmed.starts_with("////") {
        return None;
    }
    trimmed.strip_prefix("///").map(str::trim)
}

/// Whether the doc text means to be a marker (well formed or not).
fn looks_like_marker(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("Fault") else {
        return false;
    };
    rest.starts_with('(') || rest.starts_with(':')
}

/// The markers of one test file, its text `source`: `package` and `target`
/// name the test, `file` is for the messages.
pub fn scan_source(
    package: &str,
    target: &str,
    file: &Path,
    source: &str,
) -> Result<Vec<Fault>> {
    let lines: Vec<&str> = source.lines().collect();
    let mut faults = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let here = || format!("{}:{}", file.display(), at + 1);
        let Some(text) = doc_text(line) else {
            if line.trim_start().starts_with("//")
                && looks_like_marker(line.trim_start().trim_start_matches('/').trim())
            {
                bail!("{}: a Fault marker must be a `///` doc comment", here());
            }
            continue;
        };
        if !looks_like_marker(text) {
            continue;
        }
        let malformed = |why: &str| {
            anyhow::anyhow!(
                "{}: malformed Fault marker ({why}); expected `/// Fault(AREA): SITUATION | WHAT HAPPENS` with AREA one of {}",
                here(),
                AREAS.join(", ")
            )
        };
        let rest = text
            .strip_prefix("Fault(")
            .ok_or_else(|| malformed("no area"))?;
        let (area, rest) = rest
            .split_once("):")
            .ok_or_else(|| malformed("no `):` after the area"))?;
        if !AREAS.contains(&area) {
            return Err(malformed(&format!("unknown area {area:?}")));
        }
        let (situation, outcome) = rest
            .split_once('|')
            .ok_or_else(|| malformed("no `|` between the situation and what happens"))?;
        let (situation, outcome) = (situation.trim(), outcome.trim());
        if outcome.contains('|') {
            return Err(malformed("more than one `|`"));
        }
        if situation.is_empty() || outcome.is_empty() {
            return Err(malformed("an empty column"));
        }
        // The rest of the doc comment, then attributes with `#[test]`, then the function.
        let mut next = at + 1;
        while next < lines.len() && doc_text(lines[next]).is_some() {
            if looks_like_marker(doc_text(lines[next]).unwrap_or_default()) {
                bail!("{}: two Fault markers on one test", here());
            }
            next += 1;
        }
        let mut is_test = false;
        while next < lines.len() && lines[next].trim_start().starts_with("#[") {
            is_test |= lines[next].trim() == "#[test]";
            if lines[next].contains("ignore") {
                bail!("{}: an ignored test cannot be a row of the table", here());
            }
            next += 1;
        }
        let function = lines
            .get(next)
            .and_then(|l| l.trim_start().strip_prefix("fn "))
            .and_then(|l| l.split('(').next())
            .map(str::trim)
            .filter(|name| !name.is_empty());
        let (true, Some(function)) = (is_test, function) else {
            bail!(
                "{}: a Fault marker must be in the doc comment directly above a `#[test]` function",
                here()
            );
        };
        faults.push(Fault {
            area: area.to_owned(),
            situation: situation.to_owned(),
            outcome: outcome.to_owned(),
            package: package.to_owned(),
            target: target.to_owned(),
            function: function.to_owned(),
            file: file.to_path_buf(),
            line: at + 1,
        });
    }
    Ok(faults)
}

/// The markers of every `tests/*.rs` file of every crate of `members`, in
/// workspace order, then by file name, then by line.
pub fn collect(members: &[Member]) -> Result<Vec<Fault>> {
    let mut faults = Vec::new();
    for member in members {
        let tests = member.dir.join("tests");
        let Ok(entries) = std::fs::read_dir(&tests) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<_>>()
            .with_context(|| format!("cannot list {}", tests.display()))?;
        files.retain(|f| f.extension().is_some_and(|e| e == "rs") && f.is_file());
        files.sort();
        for file in files {
            let source = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let target = file
                .file_stem()
                .context("a test file has a name")?
                .to_string_lossy()
                .into_owned();
            faults.extend(scan_source(&member.name, &target, &file, &source)?);
        }
    }
    Ok(faults)
}

/// The Markdown of the table: one section per area (in the order of
/// [`AREAS`], empty areas left out), rows in the order found.
pub fn table(faults: &[Fault]) -> String {
    let mut out = String::new();
    for area in AREAS {
        let rows: Vec<&Fault> = faults.iter().filter(|f| f.area == area).collect();
        if rows.is_empty() {
            continue;
        }
        let mut title = area.to_owned();
        title[..1].make_ascii_uppercase();
        out.push_str(&format!(
            "### {title}\n\n| Situation | What happens | Test |\n|---|---|---|\n"
        ));
        for fault in rows {
            out.push_str(&format!(
                "| {} | {} | `{}` |\n",
                fault.situation,
                fault.outcome,
                fault.test_name()
            ));
        }
        out.push('\n');
    }
    out
}

/// Gather the markers of the workspace and write the table to `path`.
pub fn write_table(members: &[Member], path: &Path) -> Result<usize> {
    let faults = collect(members)?;
    fileio::write_atomically(path, table(&faults).as_bytes())?;
    Ok(faults.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"
/// Fault(data): an archive cut short | refused; nothing left
/// More about it.
#[test]
fn cut_short() {}

/// Not a marker: Fault(data) is mentioned.
#[test]
fn other() {}

/// Fault(runs): a checkpoint of another cell | refused, naming both
#[test]
#[allow(clippy::all)]
fn other_cell() {}
"#;

    fn scan(source: &str) -> Result<Vec<Fault>> {
        scan_source("pkg", "file", Path::new("tests/file.rs"), source)
    }

    #[test]
    fn markers_become_rows_grouped_by_area() {
        let faults = scan(SOURCE).unwrap();
        assert_eq!(faults.len(), 2);
        assert_eq!(faults[0].test_name(), "pkg::file::cut_short");
        assert_eq!(faults[0].line, 2);
        assert_eq!(faults[1].function, "other_cell");
        let table = table(&faults);
        assert_eq!(
            table,
            "### Data\n\n| Situation | What happens | Test |\n|---|---|---|\n\
             | an archive cut short | refused; nothing left | `pkg::file::cut_short` |\n\n\
             ### Runs\n\n| Situation | What happens | Test |\n|---|---|---|\n\
             | a checkpoint of another cell | refused, naming both | `pkg::file::other_cell` |\n\n"
        );
    }

    #[test]
    fn a_malformed_or_misplaced_marker_names_the_file_and_line() {
        let error = |source: &str| scan(source).unwrap_err().to_string();
        let cases = [
            (
                "\n/// Fault(data): no bar\n#[test]\nfn f() {}\n",
                "tests/file.rs:2: malformed",
            ),
            (
                "/// Fault(weather): a | b\n#[test]\nfn f() {}\n",
                "tests/file.rs:1: malformed",
            ),
            (
                "/// Fault: a | b\n#[test]\nfn f() {}\n",
                "tests/file.rs:1: malformed",
            ),
            (
                "/// Fault(data): a | b | c\n#[test]\nfn f() {}\n",
                "tests/file.rs:1: malformed",
            ),
            (
                "/// Fault(data):  | b\n#[test]\nfn f() {}\n",
                "tests/file.rs:1: malformed",
            ),
            (
                "/// Fault(data): a | b\nfn helper() {}\n",
                "tests/file.rs:1: a Fault marker must be",
            ),
            (
                "/// Fault(data): a | b\n\n#[test]\nfn f() {}\n",
                "tests/file.rs:1: a Fault marker must be",
            ),
            (
                "/// Fault(data): a | b\n#[test]\nstruct S;\n",
                "tests/file.rs:1: a Fault marker must be",
            ),
            (
                "// Fault(data): a | b\n#[test]\nfn f() {}\n",
                "tests/file.rs:1: a Fault marker must be a `///`",
            ),
            (
                "/// Fault(data): a | b\n#[test]\n#[ignore]\nfn f() {}\n",
                "tests/file.rs:1: an ignored test",
            ),
            (
                "/// Fault(data): a | b\n/// Fault(runs): c | d\n#[test]\nfn f() {}\n",
                "tests/file.rs:1: two Fault markers",
            ),
        ];
        for (source, expected) in cases {
            let message = error(source);
            assert!(message.starts_with(expected), "{source:?}: {message}");
        }
    }
}
