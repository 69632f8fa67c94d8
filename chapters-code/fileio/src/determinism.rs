//! The same command with the same seed gives the same results, bit for
//! bit: checked by the programs' tests, which run a program twice and
//! compare its results files with the fields that measure time removed.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The fields of a results file that measure time or say when it was
/// made, and so differ between two runs of the same command.
pub const TIMING_FIELDS: [&str; 3] = ["seconds", "peak_memory_mib", "date"];

/// `json` with every [`TIMING_FIELDS`] entry removed, at any depth.
pub fn without_timings(json: &mut Value) {
    match json {
        Value::Object(map) => {
            map.retain(|key, _| !TIMING_FIELDS.contains(&key.as_str()));
            map.values_mut().for_each(without_timings);
        }
        Value::Array(items) => items.iter_mut().for_each(without_timings),
        _ => {}
    }
}

/// Run `program` (a test's `env!("CARGO_BIN_EXE_…")`) with `args` in
/// `dir`, which must succeed, and return the results file `dir/out` as
/// JSON without its timings. `args` should name the results file by the
/// relative path `out`, so that two runs in two folders record the same
/// command line.
pub fn results_of(program: &str, dir: &Path, args: &[&str], out: &str) -> Value {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    assert!(
        output.status.success(),
        "{program} {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = dir.join(out);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{program} {args:?} wrote no {}: {e}", path.display()));
    let mut json = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    without_timings(&mut json);
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timings_are_removed_at_any_depth_and_nothing_else() {
        let mut json = serde_json::json!({
            "seconds": 1.5,
            "runs": [{"epoch": 1, "seconds": 2.0, "peak_memory_mib": 12.0, "loss": 0.5}],
            "provenance": {"date": "2026-11-29T18:05:31Z", "command": "x --seed 1"}
        });
        without_timings(&mut json);
        assert_eq!(
            json,
            serde_json::json!({
                "runs": [{"epoch": 1, "loss": 0.5}],
                "provenance": {"command": "x --seed 1"}
            })
        );
    }
}
