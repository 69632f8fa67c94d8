//! The figure and tables of the bottleneck experiment, drawn from its
//! recorded results (`seq2seq bottleneck`, book/results/ch04-2-bottleneck.json).

use std::path::{Path, PathBuf};

use anyhow::Result;
use figures::{Corner, LineChart, Series, save_stacked};

use crate::bottleneck::{BottleneckResults, BottleneckRun, Decoder};

/// Read a results file of `seq2seq bottleneck`.
pub fn load(path: &Path) -> Result<BottleneckResults> {
    Ok(fileio::load_json(path, "`seq2seq bottleneck`")?)
}

/// The runs of one decoder, in the order of the hidden sizes.
fn runs_of(r: &BottleneckResults, decoder: Decoder) -> Vec<&BottleneckRun> {
    let mut runs: Vec<&BottleneckRun> =
        r.runs.iter().filter(|b| b.decoder == decoder).collect();
    runs.sort_by_key(|b| b.run.config.hidden);
    runs
}

/// One panel: exact match against length for every H of one decoder.
fn panel(r: &BottleneckResults, decoder: Decoder, title: &str) -> LineChart {
    let mut chart = LineChart::new(title, "length of the string (digits)", "exact match")
        .y_range(0.0, 1.0)
        .legend_at(Corner::LowerLeft);
    for b in runs_of(r, decoder) {
        let points = b
            .run
            .by_length
            .iter()
            .map(|l| (l.length as f64, l.exact_match))
            .collect();
        chart = chart.with(
            Series::line(format!("H = {}", b.run.config.hidden), points).with_markers(),
        );
    }
    chart
}

/// Exact match against length: without attention above, with it below.
pub fn write_figures(results: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let r = load(results)?;
    let path = dir.join("seq2seq-bottleneck.svg");
    save_stacked(
        &path,
        &[
            panel(
                &r,
                Decoder::Plain,
                "Without attention: the decoder starts from the last state",
            ),
            panel(
                &r,
                Decoder::Attention,
                "With attention: the decoder reads every encoder state",
            ),
        ],
    )?;
    Ok(vec![path])
}

/// Each run's size, time and exact match over all lengths, in Markdown.
pub fn summary_markdown(results: &Path) -> Result<String> {
    let r = load(results)?;
    let c = &r.config;
    let mut text = format!(
        "{}{} Every run: {} updates of {} strings of {} to {} digits, the same batches; exact match on {} held-out strings. The runs were trained as many at a time as the machine has cores; the time includes the evaluations during and after training.\n\n| H | Decoder | Parameters | Exact match, all lengths | Training and evaluation time (s) |\n|---|---|---|---|---|\n",
        r.provenance.caption(),
        if r.quick { " (Quick form.)" } else { "" },
        c.iterations,
        c.batch_size,
        c.task.min_len,
        c.task.max_len,
        c.test_size,
    );
    for hidden in &c.hiddens {
        for decoder in [Decoder::Plain, Decoder::Attention] {
            if let Some(b) = runs_of(&r, decoder)
                .into_iter()
                .find(|b| b.run.config.hidden == *hidden)
            {
                text.push_str(&format!(
                    "| {hidden} | {decoder} | {} | {:.4} | {:.0} |\n",
                    b.run.parameters, b.run.final_exact_match, b.run.seconds
                ));
            }
        }
    }
    Ok(text)
}

/// Beam search against greedy decoding, one table per model without attention.
pub fn beams_markdown(results: &Path) -> Result<String> {
    let r = load(results)?;
    let mut text = format!(
        "{}{} Strings decoded: the first {} held-out strings of each length, {} to {} digits.\n",
        r.provenance.caption(),
        if r.quick { " (Quick form.)" } else { "" },
        r.config.beam_strings_per_length,
        r.config.task.min_len,
        r.config.task.max_len,
    );
    for b in runs_of(&r, Decoder::Plain) {
        let Some(beams) = &b.beams else { continue };
        text.push_str(&format!(
            "\n**H = {}** (no attention). Mean log p of the right answers: {:.3}.\n\n| Width | α | Exact match | Mean log p of the finished answers | Unfinished | Search errors | Model errors |\n|---|---|---|---|---|---|---|\n",
            b.run.config.hidden, beams.right_mean_log_prob
        ));
        for p in &beams.points {
            text.push_str(&format!(
                "| {} | {} | {:.4} | {:.3} | {:.4} | {:.4} | {:.4} |\n",
                p.width,
                p.alpha,
                p.exact_match,
                p.mean_log_prob,
                p.unfinished,
                p.search_errors,
                p.model_errors
            ));
        }
    }
    Ok(text)
}
