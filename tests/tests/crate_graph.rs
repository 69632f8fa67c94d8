//! The crate graph reads like the table of contents: no chapter's crate
//! depends, directly or through a shared crate, on the crate of a later
//! chapter; and the chapters after 4 that do not use the IMDB reviews do not
//! depend on chapter 4's crate.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

/// Every workspace package: name → (folder name, names of its library's dependencies).
fn packages() -> BTreeMap<String, (String, Vec<String>)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value =
        serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let mut packages = BTreeMap::new();
    for p in meta["packages"].as_array().expect("packages") {
        let manifest = p["manifest_path"].as_str().expect("a manifest path");
        let folder = std::path::Path::new(manifest)
            .parent()
            .and_then(|d| d.file_name())
            .and_then(|n| n.to_str())
            .expect("a folder")
            .to_owned();
        // Libraries' own dependencies (kind null), not those of their tests or examples.
        let deps = p["dependencies"]
            .as_array()
            .expect("dependencies")
            .iter()
            .filter(|d| d["kind"].is_null())
            .map(|d| d["name"].as_str().expect("a name").to_owned())
            .collect();
        packages.insert(
            p["name"].as_str().expect("a name").to_owned(),
            (folder, deps),
        );
    }
    packages
}

/// The section a chapter crate's folder stands for: `ch03-2-lstm` → (3, 2),
/// `ch04-imdb` → (4, 0); `None` for a shared crate.
fn section(folder: &str) -> Option<(u32, u32)> {
    let rest = folder.strip_prefix("ch")?;
    let mut parts = rest.split('-');
    let chapter = parts.next()?.parse().ok()?;
    let sub = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    Some((chapter, sub))
}

/// Every workspace package that `name` reaches through its dependencies.
fn reachable(
    packages: &BTreeMap<String, (String, Vec<String>)>,
    name: &str,
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![name.to_owned()];
    while let Some(next) = todo.pop() {
        for dep in &packages[&next].1 {
            if packages.contains_key(dep) && seen.insert(dep.clone()) {
                todo.push(dep.clone());
            }
        }
    }
    seen
}

#[test]
fn no_chapter_crate_depends_on_a_later_chapter() {
    let packages = packages();
    let mut chapters = 0;
    for (name, (folder, _)) in &packages {
        let Some(here) = section(folder) else {
            continue;
        };
        chapters += 1;
        for dep in reachable(&packages, name) {
            if let Some(there) = section(&packages[&dep].0) {
                assert!(
                    there < here,
                    "{name} (section {here:?}) depends on {dep} (section {there:?}), a later or the same section"
                );
            }
        }
    }
    assert!(chapters >= 12, "found only {chapters} chapter crates");
}

#[test]
fn the_generative_models_and_the_faq_do_not_depend_on_the_imdb_chapter() {
    let packages = packages();
    for name in ["seq2seq", "char-lm", "faq-experiments"] {
        let deps = reachable(&packages, name);
        assert!(
            !deps.contains("imdb-sentiment"),
            "{name} depends on imdb-sentiment"
        );
    }
}
