//! "Putting it together": the recorded runs of the final model
//! (`imdb final`) and the table that puts them beside the bag-of-words
//! baseline (`imdb baseline`) and the article's model (`imdb experiments`).

use std::path::Path;

use anyhow::{Context, Result};
use imdb_data::prepare::PrepConfig;
use recurrent::CellKind;
use sentiment::model::Head;

use crate::bow_train::BowRun;
use crate::deep::Pool;
use crate::deep_train::DeepRun;

/// One setting of the final model, trained with several seeds.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Candidate {
    pub pool: Pool,
    pub runs: Vec<DeepRun>,
    /// The medians over the seeds (the mean of the middle two for an even count).
    pub median_validation_accuracy: f64,
    pub median_test_accuracy: f64,
}

impl Candidate {
    /// The candidate of `runs`, with its medians.
    pub fn of(pool: Pool, runs: Vec<DeepRun>) -> Self {
        let of = |f: fn(&DeepRun) -> f64| median(&runs.iter().map(f).collect::<Vec<_>>());
        Candidate {
            pool,
            median_validation_accuracy: of(|r| r.validation_accuracy),
            median_test_accuracy: of(|r| r.test_accuracy),
            runs,
        }
    }
}

/// A results file of `imdb final`: every candidate, and the one chosen on validation.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FinalResults {
    pub provenance: fileio::Provenance,
    pub quick: bool,
    pub prep: PrepConfig,
    pub candidates: Vec<Candidate>,
    /// The index of the candidate with the best median validation accuracy (the first, if tied).
    pub chosen: usize,
}

impl FinalResults {
    /// The results, choosing the candidate by its median validation accuracy only.
    pub fn choose(
        provenance: fileio::Provenance,
        quick: bool,
        prep: PrepConfig,
        candidates: Vec<Candidate>,
    ) -> Self {
        let mut chosen = 0;
        for (k, c) in candidates.iter().enumerate() {
            if c.median_validation_accuracy > candidates[chosen].median_validation_accuracy
            {
                chosen = k;
            }
        }
        FinalResults {
            provenance,
            quick,
            prep,
            candidates,
            chosen,
        }
    }

    /// The chosen candidate.
    pub fn chosen(&self) -> &Candidate {
        &self.candidates[self.chosen]
    }
}

pub use numeric::stats::median;

/// A results file of `imdb baseline` (the fields the table reads).
#[derive(Debug, Clone, serde::Deserialize)]
struct BaselineFile {
    run: BowRun,
}

/// One row of the table.
struct Row {
    name: String,
    reads: String,
    parameters: usize,
    seconds: f64,
    peak_mib: Option<f64>,
    validation: String,
    test: String,
    seeds: String,
}

fn candidate_row(f: &FinalResults, k: usize) -> Row {
    let c = &f.candidates[k];
    let epochs = || c.runs.iter().flat_map(|r| r.epochs.iter());
    let seconds: Vec<f64> = epochs().map(|e| e.seconds).collect();
    let tests: Vec<String> = c
        .runs
        .iter()
        .map(|r| format!("{:.4}", r.test_accuracy))
        .collect();
    let pool = match c.pool {
        Pool::Mean => "masked mean",
        Pool::Max => "masked max",
    };
    let (chosen, bold) = if k == f.chosen {
        (", chosen on validation", "**")
    } else {
        ("", "")
    };
    Row {
        name: format!("Bidirectional LSTM, dropout, {pool}{chosen}"),
        reads: format!("last {} ids, pre-padded, masked", f.prep.maxlen),
        parameters: c.runs[0].parameters,
        seconds: median(&seconds),
        peak_mib: Some(epochs().map(|e| e.peak_memory_mib).fold(0.0, f64::max)),
        validation: format!("{:.4}", c.median_validation_accuracy),
        test: format!("{bold}{:.4}{bold}", c.median_test_accuracy),
        seeds: tests.join(", "),
    }
}

/// The article's model: the per-step LSTM of chapter 4's table.
fn article_row(article: &Path) -> Result<Row> {
    let a = crate::figures::load(article)?;
    let run = a
        .runs
        .iter()
        .find(|r| r.config.head == Head::PerStep && r.config.cell == CellKind::Lstm)
        .context(
            "the article's model (the per-step LSTM) is in the recorded chapter 4 runs",
        )?;
    let epochs = &run.log.epochs;
    let chosen = epochs
        .iter()
        .find(|e| e.epoch == run.log.chosen_epoch)
        .context("the chosen epoch is in the log")?;
    Ok(Row {
        name: "The article's model (per-step head, the best of 5 epochs on validation)"
            .to_owned(),
        reads: format!("last {} ids, post-padded", run.config.prep.maxlen),
        parameters: run.parameters,
        seconds: median(&epochs.iter().map(|e| e.seconds).collect::<Vec<_>>()),
        peak_mib: Some(epochs.iter().map(|e| e.peak_memory_mib).fold(0.0, f64::max)),
        validation: format!("{:.4}", chosen.validation_accuracy),
        test: format!("{:.4}", run.log.test_accuracy),
        seeds: "one seed".to_owned(),
    })
}

/// The bag-of-words baseline; its seconds per epoch are its whole search
/// over the number of epochs of all its penalties.
fn baseline_row(baseline: &Path) -> Result<Row> {
    let b: BaselineFile = fileio::load_json(baseline, "`imdb baseline`")?;
    let epochs = (b.run.config.lambdas.len() * b.run.config.epochs) as f64;
    Ok(Row {
        name: "Bag of words, logistic regression".to_owned(),
        reads: "every word of the review".to_owned(),
        parameters: b.run.parameters,
        seconds: b.run.seconds / epochs,
        peak_mib: b.run.peak_memory_mib,
        validation: format!("{:.4}", b.run.validation_accuracy),
        test: format!("{:.4}", b.run.test_accuracy),
        seeds: "one run".to_owned(),
    })
}

// ANCHOR: table
/// The table of the section, from the three recorded files.
pub fn together_table(
    final_file: &Path,
    baseline: &Path,
    article: &Path,
) -> Result<String> {
    let f: FinalResults = fileio::load_json(final_file, "`imdb final`")?;
    let mut rows = vec![article_row(article)?, baseline_row(baseline)?];
    rows.extend((0..f.candidates.len()).map(|k| candidate_row(&f, k)));
    let mut text = format!(
        "{}\n\n| Model | Reads | Parameters | Seconds per epoch (median) | Peak memory of the process | Validation accuracy (median) | Test accuracy (median) | Test accuracy of each seed |\n|---|---|---|---|---|---|---|---|\n",
        f.provenance.caption()
    );
    for r in rows {
        let peak = r
            .peak_mib
            .map_or("not recorded".to_owned(), |p| format!("{p:.0} MiB"));
        text.push_str(&format!(
            "| {} | {} | {} | {:.2} | {peak} | {} | {} | {} |\n",
            r.name,
            r.reads,
            thousands(r.parameters),
            r.seconds,
            r.validation,
            r.test,
            r.seeds
        ));
    }
    Ok(text)
}
// ANCHOR_END: table

/// 1346177 → "1,346,177".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The single-seed trials made before the recording
/// (`ch04-final-trial-N.json`, N = 1, 2, …, in the order they were run),
/// read loosely: the first ones predate word dropout and the pooling
/// option, so their files lack those settings.
pub fn trials_table(results: &Path) -> Result<String> {
    let mut text = String::from(
        "| Trial | Word, input, recurrent, output dropout | Pooling | Epochs run (chosen) | Validation accuracy | Test accuracy | Recorded at commit |\n|---|---|---|---|---|---|---|\n",
    );
    for n in 1.. {
        let path = results.join(format!("ch04-final-trial-{n}.json"));
        if !path.exists() {
            anyhow::ensure!(n > 1, "{}: no trial files", results.display());
            break;
        }
        let json: serde_json::Value = fileio::load_json(&path, "`imdb final`")?;
        let run = json["runs"]
            .get(0)
            .or_else(|| json["candidates"][0]["runs"].get(0))
            .with_context(|| format!("{}: no run", path.display()))?;
        let config = &run["config"];
        let rate = |key: &str| {
            config["dropout"][key]
                .as_f64()
                .map_or("none".to_owned(), |p| format!("{p:.1}"))
        };
        let number = |v: &serde_json::Value| {
            v.as_f64()
                .with_context(|| format!("{}: {v} is not a number", path.display()))
        };
        text.push_str(&format!(
            "| {n} | {}, {}, {}, {} | {} | {} ({}) | {:.4} | {:.4} | {} |\n",
            rate("words"),
            rate("input"),
            rate("recurrent"),
            rate("output"),
            config["pool"].as_str().unwrap_or("Mean").to_lowercase(),
            run["epochs"].as_array().map_or(0, Vec::len),
            run["chosen_epoch"],
            number(&run["validation_accuracy"])?,
            number(&run["test_accuracy"])?,
            short_commit(json["provenance"]["commit"].as_str().unwrap_or("?")),
        ));
    }
    Ok(text)
}

/// `abc1234`, and whether the tree had uncommitted changes.
fn short_commit(commit: &str) -> String {
    let hash: String = commit.chars().take(7).collect();
    if commit.contains("uncommitted") {
        format!("`{hash}` with uncommitted changes")
    } else {
        format!("`{hash}`")
    }
}
