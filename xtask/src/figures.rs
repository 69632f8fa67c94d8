//! The registry of figure makers: every chapter's figure code, run in-process.
//!
//! Each entry also names the example that runs the same code on its own, so
//! the book can say which command made which figure.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// A figure written into the book, with the command that regenerates it.
#[derive(Debug, Clone)]
pub struct Figure {
    pub path: PathBuf,
    pub command: String,
}

/// A chapter's figure code: writes its SVGs into the folder, returns their paths.
pub type Maker = fn(&Path, u64) -> Result<Vec<PathBuf>>;

/// (command that runs the same code, the code) for every chapter with figures.
pub fn makers() -> Vec<(&'static str, Maker)> {
    vec![
        (
            "cargo run -p background --example background_figures --",
            |dir, _| Ok(background::write_figures(dir)?),
        ),
        (
            "cargo run -p core-concepts --example concept_figures --",
            |dir, _| Ok(core_concepts::write_figures(dir)?),
        ),
        (
            "cargo run -p vanilla-rnn --example vanilla_figures --",
            |dir, seed| Ok(vanilla_rnn::figures::write_figures(dir, seed)?),
        ),
        (
            "cargo run -p lstm --example lstm_figures --",
            |dir, seed| Ok(lstm::figures::write_figures(dir, seed)?),
        ),
        ("cargo run -p gru --example gru_figures --", |dir, seed| {
            Ok(gru::figures::write_figures(dir, seed)?)
        }),
        (
            "recorded by `imdb experiments`; redrawn from book/results/ch04-imdb.json:",
            |dir, _| {
                imdb_sentiment::figures::write_figures(
                    &recorded(dir, "ch04-imdb.json"),
                    dir,
                )
            },
        ),
        (
            "recorded by `imdb compare-pytorch`; redrawn from book/results/ch03-4-pytorch.json:",
            |dir, _| {
                speed::speed_figures::write_figure(
                    &recorded(dir, "ch03-4-pytorch.json"),
                    dir,
                )
            },
        ),
        (
            "recorded by `seq2seq train`; redrawn from book/results/ch04-2-seq2seq.json:",
            |dir, _| {
                seq2seq::figures::write_figures(&recorded(dir, "ch04-2-seq2seq.json"), dir)
            },
        ),
        (
            "recorded by `char-lm train`; redrawn from book/results/ch04-3-char-lm.json:",
            |dir, _| {
                char_lm::figures::write_figures(&recorded(dir, "ch04-3-char-lm.json"), dir)
            },
        ),
        (
            "cargo run -p future --example future_figures --",
            |dir, _| Ok(future::write_figures(dir)?),
        ),
        (
            "recorded by `faq gradients`; redrawn from book/results/ch06-gradients.json:",
            |dir, _| {
                faq_experiments::figures::gradient_figures(
                    &recorded(dir, "ch06-gradients.json"),
                    dir,
                )
            },
        ),
        (
            "recorded by `faq adding`; redrawn from book/results/ch06-adding.json:",
            |dir, _| {
                faq_experiments::figures::adding_figures(
                    &recorded(dir, "ch06-adding.json"),
                    dir,
                )
            },
        ),
        (
            "recorded by `faq padding`; redrawn from book/results/ch06-padding.json:",
            |dir, _| {
                faq_experiments::figures::padding_figures(
                    &recorded(dir, "ch06-padding.json"),
                    dir,
                )
            },
        ),
    ]
}

/// A recorded results file, beside the figure folder: book/results/NAME.
pub fn recorded(figure_dir: &Path, name: &str) -> PathBuf {
    figure_dir
        .parent()
        .unwrap_or(figure_dir)
        .join("results")
        .join(name)
}

/// Run every maker into `dir` with `seed`.
pub fn make_all(dir: &Path, seed: u64) -> Result<Vec<Figure>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the figure folder {}", dir.display()))?;
    let mut made = Vec::new();
    for (command, maker) in makers() {
        let paths = maker(dir, seed)
            .with_context(|| format!("figure code of `{command}` failed"))?;
        made.extend(paths.into_iter().map(|path| Figure {
            path,
            command: format!("{command} --seed {seed}"),
        }));
    }
    Ok(made)
}
