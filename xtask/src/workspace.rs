//! The workspace as `cargo metadata` describes it: which crates contribute
//! parts of the book (they have an example named `CRATE_book_parts`) and which
//! benchmark sets they declare, in the order of the `members` of the root
//! `Cargo.toml` (the order of the book).
//!
//! A crate declares the benchmarks that the book records in its `Cargo.toml`:
//!
//! ```toml
//! [package.metadata.book]
//! benchmarks = { set = "ch03", prefixes = ["lstm "] }
//! ```
//!
//! (or a list of such tables). A set gathers the prefixes of every crate that
//! declares it; `cargo bench -p` those crates runs its benchmarks.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// The name of the example by which crate `package` contributes to the
/// book: `lstm_book_parts` for `lstm` (the convention of `figures::parts`).
pub fn book_parts_example(package: &str) -> String {
    format!("{}_book_parts", package.replace('-', "_"))
}

/// The workspace: its crates, and where Cargo builds.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Every crate, in the order of the root manifest's `members`.
    pub members: Vec<Member>,
    /// Cargo's target folder (`target/`, unless configured otherwise).
    pub target_dir: PathBuf,
}

/// One crate of the workspace, as far as the book is concerned.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    /// The crate's folder.
    pub dir: PathBuf,
    /// Whether it has the example [`book_parts_example`].
    pub book_parts: bool,
    /// The benchmark sets it declares.
    pub benchmarks: Vec<Benchmarks>,
}

/// A crate's part of a benchmark set: `{ set = "ch03", prefixes = ["lstm "] }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmarks {
    pub set: String,
    /// The start of the name of every benchmark of the set that the crate runs.
    pub prefixes: Vec<String>,
}

/// A benchmark set gathered from every crate that declares it.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchmarkSet {
    pub name: String,
    /// The crates that declare it, in workspace order.
    pub crates: Vec<String>,
    pub prefixes: Vec<String>,
}

impl BenchmarkSet {
    /// The command that runs the set's benchmarks: `cargo bench -p A -p B`.
    pub fn command(&self) -> String {
        let mut command = String::from("cargo bench");
        for name in &self.crates {
            command.push_str(" -p ");
            command.push_str(name);
        }
        command
    }
}

/// The `cargo` that runs this program (Cargo sets `CARGO`), else the one on the path.
pub fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

#[derive(Deserialize)]
struct Metadata {
    packages: Vec<Package>,
    workspace_root: PathBuf,
    target_directory: PathBuf,
}

#[derive(Deserialize)]
struct Package {
    name: String,
    manifest_path: PathBuf,
    targets: Vec<Target>,
    /// `[package.metadata]`, `null` when there is none.
    #[serde(default)]
    metadata: serde_json::Value,
}

#[derive(Deserialize)]
struct Target {
    name: String,
    kind: Vec<String>,
}

/// `benchmarks =` one table or a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(Benchmarks),
    Many(Vec<Benchmarks>),
}

/// The benchmark sets declared under `[package.metadata.book]` (`metadata`
/// is the whole `[package.metadata]`), for the error message `name`.
fn declared_benchmarks(
    name: &str,
    metadata: &serde_json::Value,
) -> Result<Vec<Benchmarks>> {
    let Some(declared) = metadata.pointer("/book/benchmarks") else {
        return Ok(Vec::new());
    };
    let declared = OneOrMany::deserialize(declared).map_err(|e| {
        anyhow::anyhow!(
            "{name}: [package.metadata.book] benchmarks must be {{ set = \"...\", prefixes = [...] }} or a list of them: {e}"
        )
    })?;
    Ok(match declared {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

#[derive(Deserialize)]
struct RootManifest {
    workspace: WorkspaceTable,
}

#[derive(Deserialize)]
struct WorkspaceTable {
    #[serde(default)]
    members: Vec<String>,
}

/// Every crate of the workspace whose root is `root`, in the order of the
/// root manifest's `members` (crates that no entry names come last, by name).
pub fn members(root: &Path) -> Result<Vec<Member>> {
    Ok(load(root)?.members)
}

/// The workspace whose root is `root`, as `cargo metadata` describes it.
pub fn load(root: &Path) -> Result<Workspace> {
    let output = Command::new(cargo())
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--manifest-path",
        ])
        .arg(root.join("Cargo.toml"))
        .current_dir(root)
        .output()
        .context("cannot run `cargo metadata`")?;
    if !output.status.success() {
        bail!(
            "`cargo metadata` failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let metadata: Metadata = serde_json::from_slice(&output.stdout)
        .context("cannot read the output of `cargo metadata`")?;
    let manifest = metadata.workspace_root.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let order: RootManifest = toml::from_str(&text)
        .with_context(|| format!("{} has no [workspace]", manifest.display()))?;
    let mut members = Vec::new();
    for package in metadata.packages {
        let benchmarks = declared_benchmarks(&package.name, &package.metadata)?;
        members.push(Member {
            book_parts: package.targets.iter().any(|t| {
                t.name == book_parts_example(&package.name)
                    && t.kind.iter().any(|k| k == "example")
            }),
            dir: package
                .manifest_path
                .parent()
                .context("a manifest is in a folder")?
                .to_path_buf(),
            name: package.name,
            benchmarks,
        });
    }
    let position = |member: &Member| {
        let relative = member
            .dir
            .strip_prefix(&metadata.workspace_root)
            .unwrap_or(&member.dir);
        let relative = relative.to_string_lossy().replace('\\', "/");
        order
            .workspace
            .members
            .iter()
            .position(|pattern| glob_matches(pattern.trim_end_matches('/'), &relative))
            .unwrap_or(usize::MAX)
    };
    members.sort_by(|a, b| position(a).cmp(&position(b)).then(a.name.cmp(&b.name)));
    Ok(Workspace {
        members,
        target_dir: metadata.target_directory,
    })
}

/// Whether `path` matches a `members` entry: `/`-separated segments where
/// `*` stands for any run of characters within a segment.
fn glob_matches(pattern: &str, path: &str) -> bool {
    fn segment(pattern: &[u8], text: &[u8]) -> bool {
        match pattern.split_first() {
            None => text.is_empty(),
            Some((b'*', rest)) => (0..=text.len()).any(|skip| segment(rest, &text[skip..])),
            Some((first, rest)) => text.first() == Some(first) && segment(rest, &text[1..]),
        }
    }
    let (patterns, parts): (Vec<&str>, Vec<&str>) =
        (pattern.split('/').collect(), path.split('/').collect());
    patterns.len() == parts.len()
        && patterns
            .iter()
            .zip(&parts)
            .all(|(p, t)| segment(p.as_bytes(), t.as_bytes()))
}

/// Every benchmark set that a crate declares, in the order of their first declaration.
pub fn benchmark_sets(members: &[Member]) -> Vec<BenchmarkSet> {
    let mut sets: Vec<BenchmarkSet> = Vec::new();
    for member in members {
        for declared in &member.benchmarks {
            let set = match sets.iter_mut().position(|s| s.name == declared.set) {
                Some(at) => &mut sets[at],
                None => {
                    sets.push(BenchmarkSet {
                        name: declared.set.clone(),
                        crates: Vec::new(),
                        prefixes: Vec::new(),
                    });
                    sets.last_mut().expect("just pushed")
                }
            };
            if !set.crates.contains(&member.name) {
                set.crates.push(member.name.clone());
            }
            set.prefixes.extend(declared.prefixes.iter().cloned());
        }
    }
    sets
}

/// The benchmark set `name`; if no crate declares it, an error that lists those that are.
pub fn benchmark_set(members: &[Member], name: &str) -> Result<BenchmarkSet> {
    let sets = benchmark_sets(members);
    match sets.iter().find(|s| s.name == name) {
        Some(set) => Ok(set.clone()),
        None => {
            let known: Vec<String> = sets
                .iter()
                .map(|s| format!("{} ({})", s.name, s.command()))
                .collect();
            bail!(
                "unknown benchmark set '{name}': the crates declare {}",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, benchmarks: &[(&str, &[&str])]) -> Member {
        Member {
            name: name.to_owned(),
            dir: PathBuf::from(name),
            book_parts: false,
            benchmarks: benchmarks
                .iter()
                .map(|(set, prefixes)| Benchmarks {
                    set: (*set).to_owned(),
                    prefixes: prefixes.iter().map(|p| (*p).to_owned()).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_set_gathers_the_crates_and_prefixes_that_declare_it() {
        let members = [
            member("vanilla-rnn", &[("ch03", &["vanilla "])]),
            member("lstm", &[("ch03", &["lstm "])]),
            member("fast-rnn", &[("ch03-4", &["fast-path "])]),
            member("gru", &[("ch03", &["gru "])]),
            member("figures", &[]),
        ];
        let ch03 = benchmark_set(&members, "ch03").unwrap();
        assert_eq!(ch03.prefixes, ["vanilla ", "lstm ", "gru "]);
        assert_eq!(ch03.command(), "cargo bench -p vanilla-rnn -p lstm -p gru");
        assert_eq!(
            benchmark_set(&members, "ch03-4").unwrap().command(),
            "cargo bench -p fast-rnn"
        );
        let unknown = benchmark_set(&members, "ch09").unwrap_err().to_string();
        assert!(unknown.contains("'ch09'"), "{unknown}");
        assert!(
            unknown.contains("ch03 (cargo bench -p vanilla-rnn"),
            "{unknown}"
        );
        assert!(
            unknown.contains("ch03-4 (cargo bench -p fast-rnn)"),
            "{unknown}"
        );
    }

    #[test]
    fn members_entries_match_folders_and_globs() {
        assert!(glob_matches(
            "chapters-code/ch03-2-lstm",
            "chapters-code/ch03-2-lstm"
        ));
        assert!(glob_matches("chapters-code/*", "chapters-code/ch03-2-lstm"));
        assert!(glob_matches(
            "chapters-code/ch03-*",
            "chapters-code/ch03-2-lstm"
        ));
        assert!(!glob_matches(
            "chapters-code/ch04-*",
            "chapters-code/ch03-2-lstm"
        ));
        assert!(!glob_matches("chapters-code", "chapters-code/ch03-2-lstm"));
        assert!(!glob_matches("xtask", "tests"));
    }

    #[test]
    fn benchmarks_are_one_table_or_a_list() {
        let parse = |json: &str| {
            declared_benchmarks("c", &serde_json::from_str(json).unwrap())
                .map(|v| v.into_iter().map(|b| b.set).collect::<Vec<_>>())
        };
        assert_eq!(parse("null").unwrap(), Vec::<String>::new());
        assert_eq!(parse(r#"{"book": {}}"#).unwrap(), Vec::<String>::new());
        assert_eq!(
            parse(r#"{"book": {"benchmarks": {"set": "s", "prefixes": ["a "]}}}"#).unwrap(),
            ["s"]
        );
        assert_eq!(
            parse(
                r#"{"book": {"benchmarks": [{"set": "s", "prefixes": []}, {"set": "t", "prefixes": []}]}}"#
            )
            .unwrap(),
            ["s", "t"]
        );
        let typo = parse(r#"{"book": {"benchmarks": {"set": "s", "prefix": ["a "]}}}"#);
        assert!(typo.unwrap_err().to_string().starts_with("c: "));
    }

    /// The real workspace: the crates are found in the order of the book.
    #[test]
    fn the_workspace_lists_its_book_parts_in_member_order() {
        let members = members(&crate::workspace_root()).unwrap();
        let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names.first(), Some(&"xtask"));
        let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
        assert!(at("background") < at("lstm") && at("lstm") < at("faq-experiments"));
        assert!(members.iter().any(|m| m.name == "lstm" && m.book_parts));
        assert!(!members.iter().any(|m| m.name == "xtask" && m.book_parts));
    }
}
