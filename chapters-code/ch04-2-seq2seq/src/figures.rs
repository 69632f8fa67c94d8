//! The section's figure and tables, drawn from the recorded run.

use std::path::{Path, PathBuf};

use anyhow::Result;
use figures::{Corner, LineChart, Series, save_stacked};

use crate::experiment::Seq2SeqResults;

/// Read a results file of `seq2seq train`.
pub fn load(path: &Path) -> Result<Seq2SeqResults> {
    Ok(fileio::load_json(path, "`seq2seq train`")?)
}

/// Held-out exact match and training loss against updates.
pub fn write_figures(results: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let r = load(results)?;
    let curve = &r.run.curve;
    let accuracy = LineChart::new(
        "Reversing digit strings: exact match on held-out strings",
        "update",
        "exact-match accuracy",
    )
    .y_range(0.0, 1.0)
    .legend_at(Corner::LowerRight)
    .with(
        Series::line(
            "greedy decoding",
            curve
                .iter()
                .map(|p| (p.iteration as f64, p.exact_match))
                .collect(),
        )
        .with_markers(),
    );
    let loss = LineChart::new(
        "Training loss (teacher forcing)",
        "update",
        "cross-entropy per token",
    )
    .log_y()
    .with(Series::line(
        "mean since the previous point",
        curve
            .iter()
            .map(|p| (p.iteration as f64, p.train_loss.max(1e-30)))
            .collect(),
    ));
    let path = dir.join("seq2seq-curve.svg");
    save_stacked(&path, &[accuracy, loss])?;
    Ok(vec![path])
}

/// The decoded examples and the accuracy by length, in Markdown.
pub fn results_markdown(results: &Path) -> Result<String> {
    let r = load(results)?;
    let run = &r.run;
    let mut text = format!(
        "{}{} The model has {} parameters, trained for {} updates in {:.0} s. Exact match on {} held-out strings: **{:.4}**.\n\n| Length | Held-out strings | Exact match |\n|---|---|---|\n",
        r.provenance.caption(),
        if r.quick { " (Quick form.)" } else { "" },
        run.parameters,
        run.config.iterations,
        run.seconds,
        run.config.test_size,
        run.final_exact_match
    );
    for l in &run.by_length {
        text.push_str(&format!(
            "| {} | {} | {:.4} |\n",
            l.length, l.strings, l.exact_match
        ));
    }
    text.push_str("\nThe first held-out strings, decoded greedily:\n\n| Input | Expected | Decoded | |\n|---|---|---|---|\n");
    for e in &run.examples {
        let mark = if e.expected == e.decoded {
            "✓"
        } else {
            "✗"
        };
        text.push_str(&format!(
            "| `{}` | `{}` | `{}` | {mark} |\n",
            e.input, e.expected, e.decoded
        ));
    }
    Ok(text)
}
