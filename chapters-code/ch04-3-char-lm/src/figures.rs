//! The section's figure and tables, drawn from the recorded run.

use std::path::{Path, PathBuf};

use anyhow::Result;
use figures::{Corner, LineChart, Series};

use crate::experiment::CharLmResults;
use crate::units::save_passage_svg;

/// Read a results file of `char-lm train`.
pub fn load(path: &Path) -> Result<CharLmResults> {
    Ok(fileio::load_json(path, "`char-lm train`")?)
}

/// Held-out and training perplexity per epoch, with the Kneser–Ney
/// baseline (the unigram one, an order of magnitude higher, is in the text).
pub fn write_figures(results: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let results = load(results)?;
    let r = &results.run;
    let last = r.epochs.len() as f64;
    let chart = LineChart::new(
        "Character model: perplexity per epoch",
        "epoch",
        "perplexity (per character)",
    )
    .legend_at(Corner::UpperRight)
    .with(
        Series::line(
            "held-out text",
            r.epochs
                .iter()
                .map(|e| (e.epoch as f64, e.held_out_perplexity))
                .collect(),
        )
        .with_markers(),
    )
    .with(Series::line(
        "training text (mean over the epoch)",
        r.epochs
            .iter()
            .map(|e| (e.epoch as f64, e.train_loss.exp()))
            .collect(),
    ))
    .with(
        Series::line(
            format!(
                "{}-gram Kneser–Ney baseline (held-out)",
                results.ngram.order
            ),
            vec![
                (1.0, results.ngram.held_out_perplexity),
                (last, results.ngram.held_out_perplexity),
            ],
        )
        .dashed(),
    );
    let path = dir.join("char-lm-perplexity.svg");
    chart.save_svg(&path)?;
    let mut paths = vec![path];
    let passage: Vec<char> = results.units.passage.chars().collect();
    for (k, u) in results.units.units.iter().enumerate() {
        let path = dir.join(format!("char-lm-unit-{}.svg", k + 1));
        let title = format!(
            "unit {} and {}: r = {:.2} on held-out text it was not chosen on",
            u.unit, u.feature, u.r_measured
        );
        save_passage_svg(&path, &passage, &u.passage_activation, &title)?;
        paths.push(path);
    }
    Ok(paths)
}

/// Text shown exactly as written, but inert: as HTML character references,
/// nothing in it can open a tag, an mdBook directive (`{{`) or a formula (`$`).
pub fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '$' => out.push_str("&#36;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '\\' => out.push_str("&#92;"),
            _ => out.push(c),
        }
    }
    out
}

/// The run's numbers and its samples, in Markdown.
pub fn results_markdown(results: &Path) -> Result<String> {
    let r = load(results)?;
    let run = &r.run;
    let mut text = format!(
        "{}{} The run: {} characters of training text and {} held out from {} files (SHA-256 `{}`), {} distinct characters, {} parameters. Unigram perplexity on the held-out text: **{:.2}**. Best held-out perplexity: **{:.2}**, after epoch {} of {}.\n\n",
        r.provenance.caption(),
        if r.quick { " (Quick form.)" } else { "" },
        run.train_chars,
        run.held_out_chars,
        run.files.len(),
        &run.corpus_sha256[..12],
        run.vocab_size,
        run.parameters,
        run.unigram_perplexity,
        run.best_perplexity,
        run.best_epoch,
        run.epochs.len()
    );
    for s in &run.samples {
        text.push_str(&format!(
            "Temperature {}:\n\n<pre class=\"sample\">{}</pre>\n\n",
            s.temperature,
            inert(&s.text)
        ));
    }
    Ok(text)
}
