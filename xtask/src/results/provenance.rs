//! Every results file says where it comes from.
//!
//! A results file under `book/results/` must have a `provenance` object
//! with the command line, the commit, the date and the machine (processor
//! and cores), as [`fileio::Provenance`] writes it. The book's build fails
//! on a file without one, and `{{#provenance FILE}}` writes its caption
//! under the figures and tables drawn from the file.

use std::path::Path;

use fileio::Provenance;

/// The provenance of the results file `results/file`, or an error naming
/// the file and the field that is missing.
pub fn read(results: &Path, file: &str) -> Result<Provenance, String> {
    let json = super::load(results, file)?;
    let Some(p) = json.get("provenance") else {
        return Err(format!(
            "the results file {file} has no `provenance` (command, commit, date, machine): \
             record it again with the program that makes it"
        ));
    };
    serde_json::from_value(p.clone())
        .map_err(|e| format!("the results file {file} has an incomplete `provenance`: {e}"))
}

/// The caption of `{{#provenance FILE}}` (plain text: the page styles it).
pub fn caption(results: &Path, args: &str) -> Result<String, String> {
    let file = args.trim();
    if file.is_empty() || file.contains(char::is_whitespace) {
        return Err("write `{{#provenance FILE}}` with one results file".to_owned());
    }
    Ok(read(results, file)?.caption())
}

/// Every `*.json` directly under `results` without a complete provenance,
/// each as "FILE: why".
pub fn missing(results: &Path) -> Result<Vec<String>, String> {
    if !results.exists() {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(results)
        .map_err(|e| format!("cannot list {}: {e}", results.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    Ok(names
        .into_iter()
        .filter_map(|n| read(results, &n).err())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_provenance_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let good =
            serde_json::json!({ "provenance": Provenance::capture(Some("test")), "x": 1 });
        std::fs::write(dir.path().join("good.json"), good.to_string()).unwrap();
        std::fs::write(dir.path().join("bare.json"), r#"{"command": "x"}"#).unwrap();
        std::fs::write(
            dir.path().join("half.json"),
            r#"{"provenance": {"command": "x", "date": "2026-11-29"}}"#,
        )
        .unwrap();
        let missing = missing(dir.path()).unwrap();
        assert_eq!(missing.len(), 2, "{missing:?}");
        assert!(missing[0].contains("bare.json") && missing[0].contains("no `provenance`"));
        assert!(missing[1].contains("half.json") && missing[1].contains("commit"));
        let caption = caption(dir.path(), "good.json").unwrap();
        assert!(
            caption.starts_with("Recorded ") && caption.contains("; test)"),
            "{caption}"
        );
    }
}
