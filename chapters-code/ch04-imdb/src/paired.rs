//! Are two of the chapter's models really different? Each was tested on the
//! same 25,000 reviews, so they can be compared review by review: McNemar's
//! test looks only at the reviews on which they disagree.

use anyhow::{Context, Result};
use sentiment::run::RunResult;
use sentiment::scores::{Paired, from_hex, paired};

/// One pair of runs, compared.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Comparison {
    /// `FIRST:SECOND`, the runs' names (e.g. `gru-lastreal:lstm-lastreal`).
    pub pair: String,
    /// Test accuracy of the first minus that of the second.
    pub difference: f64,
    #[serde(flatten)]
    pub counts: Paired,
}

/// Every pair of runs (in the order given), compared on the `tested`
/// reviews of the test set that every run was scored on.
pub fn all_pairs(
    names: &[String],
    runs: &[RunResult],
    tested: usize,
) -> Result<Vec<Comparison>> {
    let flags = runs
        .iter()
        .zip(names)
        .map(|(run, name)| {
            from_hex(&run.log.test_correct, tested).with_context(|| {
                format!("the run {name} records no right/wrong flag for each of the {tested} test reviews")
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for i in 0..runs.len() {
        for j in i + 1..runs.len() {
            out.push(Comparison {
                pair: format!("{}:{}", names[i], names[j]),
                difference: runs[i].log.test_accuracy - runs[j].log.test_accuracy,
                counts: paired(&flags[i], &flags[j]),
            });
        }
    }
    Ok(out)
}
