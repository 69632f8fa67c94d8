//! Tables that the book includes and that the build computes afresh, so that
//! no number on those pages is typed by hand.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use gradcheck::check::GradReport;
use recurrent::CellKind;

use crate::bench_record::{Recording, table};
use gradcheck::suite::TOLERANCE;

/// Write every generated table into `dir`; returns their paths.
pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join("gradcheck-summary.md");
    let mut reports = vanilla_rnn::suite::reports();
    reports.extend(lstm::suite::reports());
    reports.extend(gru::suite::reports());
    reports.extend(seq2seq::suite::reports());
    reports.extend(char_lm::suite::reports());
    reports.extend(faq_experiments::suite::reports());
    fileio::write_atomically(&path, gradcheck_table(&reports).as_bytes())?;
    let mut written = vec![path];
    for set in ["ch03", "ch03-4", "ch03-4-step"] {
        let recorded = crate::figures::recorded(dir, &format!("{set}-benchmarks.json"));
        let recording = load_recording(&recorded)?;
        let bench_path = dir.join(format!("{set}-benchmarks.md"));
        fileio::write_atomically(&bench_path, table(&recording).as_bytes())?;
        written.push(bench_path);
    }
    let imdb_path = dir.join("ch04-results.md");
    let results = crate::figures::recorded(dir, "ch04-imdb.json");
    fileio::write_atomically(
        &imdb_path,
        imdb_sentiment::figures::results_table(&results)?.as_bytes(),
    )?;
    written.push(imdb_path);
    for (name, text) in [
        (
            "ch04-2-seq2seq.md",
            seq2seq::figures::results_markdown(&crate::figures::recorded(
                dir,
                "ch04-2-seq2seq.json",
            ))?,
        ),
        (
            "ch04-3-char-lm.md",
            char_lm::figures::results_markdown(&crate::figures::recorded(
                dir,
                "ch04-3-char-lm.json",
            ))?,
        ),
    ] {
        let path = dir.join(name);
        fileio::write_atomically(&path, text.as_bytes())?;
        written.push(path);
    }
    written.extend(fast_path_tables(dir)?);
    written.extend(chapter6_tables(dir)?);
    Ok(written)
}

/// The tables of section 3.4: the steps, the comparison with PyTorch, the accuracy.
fn fast_path_tables(dir: &Path) -> Result<Vec<PathBuf>> {
    use speed::{ablation, speed_figures};
    let recorded = |name: &str| crate::figures::recorded(dir, name);
    let steps: ablation::StepsRecord =
        fileio::load_json(&recorded("ch03-4-steps.json"), "`bash compare/steps.sh`")?;
    let comparison = speed_figures::load_comparison(&recorded("ch03-4-pytorch.json"))?;
    let accuracy = speed_figures::load_accuracy(&recorded("ch03-4-accuracy.json"))?;
    let mut written = Vec::new();
    for (name, text) in [
        ("ch03-4-steps.md", ablation::table(&steps)),
        (
            "ch03-4-pytorch.md",
            speed_figures::comparison_table(&comparison),
        ),
        (
            "ch03-4-accuracy.md",
            speed_figures::accuracy_table(&accuracy),
        ),
    ] {
        let path = dir.join(name);
        fileio::write_atomically(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// The tables of chapter 6, from its recorded experiments.
fn chapter6_tables(dir: &Path) -> Result<Vec<PathBuf>> {
    use faq_experiments::record::load;
    use faq_experiments::tables;
    let recorded = |name: &str| crate::figures::recorded(dir, name);
    let gradients = load(&recorded("ch06-gradients.json"), "`faq gradients`")?;
    let adding = load(&recorded("ch06-adding.json"), "`faq adding`")?;
    let padding = load(&recorded("ch06-padding.json"), "`faq padding`")?;
    let cells = tables::cells_table(
        &adding,
        &chapter3_step_times(&recorded("ch03-benchmarks.json"))?,
        &chapter4_accuracies(&recorded("ch04-imdb.json"))?,
    );
    let mut written = Vec::new();
    for (name, text) in [
        ("ch06-gradients.md", tables::gradient_table(&gradients)),
        ("ch06-adding.md", tables::adding_table(&adding)),
        ("ch06-cells.md", cells),
        ("ch06-padding.md", tables::padding_table(&padding)),
    ] {
        let path = dir.join(name);
        fileio::write_atomically(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// The recorded median of one forward and backward pass (B = 32, T = 50,
/// D = H = 100) per cell, in milliseconds; the GRU in its reset-after form.
fn chapter3_step_times(path: &Path) -> Result<Vec<(CellKind, f64)>> {
    let recording = load_recording(path)?;
    let wanted = [
        (
            CellKind::Rnn,
            "vanilla forward+backward B=32 T=50 D=100 H=100",
        ),
        (
            CellKind::Lstm,
            "lstm forward+backward B=32 T=50 D=100 H=100",
        ),
        (
            CellKind::Gru,
            "gru forward+backward ResetAfter B=32 T=50 D=100 H=100",
        ),
    ];
    wanted
        .into_iter()
        .map(|(cell, name)| {
            let m = recording
                .measurements
                .iter()
                .find(|m| m.name == name)
                .with_context(|| {
                    format!("{}: no benchmark named '{name}'", path.display())
                })?;
            Ok((cell, m.median_ns / 1e6))
        })
        .collect()
}

/// Test accuracy of chapter 4's masked model per cell (readable cells only).
fn chapter4_accuracies(path: &Path) -> Result<Vec<(CellKind, f64)>> {
    let recorded = imdb_sentiment::figures::load(path)?;
    Ok(recorded
        .runs
        .iter()
        .filter(|r| r.config.head == sentiment::model::Head::LastReal)
        .filter(|r| r.config.cell != CellKind::LstmFast)
        .map(|r| (r.config.cell, r.log.test_accuracy))
        .collect())
}

/// Read a benchmark recording written by `cargo xtask record-benchmarks`.
fn load_recording(path: &Path) -> Result<Recording> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!("cannot read the recorded benchmarks {}", path.display())
    })?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not a benchmark recording", path.display()))
}

/// One row per checked case: how much was checked and the worst relative error.
pub fn gradcheck_table(reports: &[(String, GradReport)]) -> String {
    let mut table = String::from(
        "| Case | Tensors | Elements | Worst tensor | Worst element | Relative error | Within 1e-6 |\n|---|---|---|---|---|---|---|\n",
    );
    for (case, report) in reports {
        let worst = report.worst();
        let elements: usize = report.tensors.iter().map(|t| t.checked).sum();
        table.push_str(&format!(
            "| {case} | {} | {elements} | `{}` | {:?} | {:.1e} | {} |\n",
            report.tensors.len(),
            worst.name,
            worst.worst_index,
            worst.rel_error,
            if report.failures(TOLERANCE).is_empty() {
                "yes"
            } else {
                "**no**"
            },
        ));
    }
    table
}
