//! The chapter's figures, drawn from the recorded results.

use std::path::{Path, PathBuf};

use anyhow::Result;
use figures::{Corner, LineChart, Series, save_stacked};
use recurrent::CellKind;

use crate::adding::BASELINE_MSE;
use crate::q1_gradients::{GradientResults, Stage};
use crate::q2_adding::AddingResults;
use crate::q4_padding::PaddingResults;
use crate::record::load;
use crate::tables::median;

/// Points (d, value) of a profile, values floored at 1e-30 for the log axis.
fn by_distance(values: &[f64]) -> Vec<(f64, f64)> {
    values
        .iter()
        .enumerate()
        .map(|(d, v)| (d as f64, v.max(1e-30)))
        .collect()
}

/// Q1: profiles per cell and stage, the gain sweep, and the clipping runs.
pub fn gradient_figures(results: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let r: GradientResults = load(results, "`faq gradients`")?;
    let length = r.settings.training.schedule.length;
    let mut cells = LineChart::new(
        &format!("Gradient reaching h_t from the loss at step T = {length}"),
        "distance T − t (steps)",
        "mean ‖∂L/∂h_t‖",
    )
    .log_y()
    .legend_at(Corner::LowerLeft);
    for p in &r.profiles {
        let stage = match p.stage {
            Stage::Initialisation => "at initialisation",
            Stage::Trained => "trained",
        };
        let mut series = Series::line(
            format!("{} {stage}", p.cell.name()),
            by_distance(&p.by_distance),
        );
        if p.stage == Stage::Initialisation {
            series = series.dashed();
        }
        cells = cells.with(series);
    }
    let mut gains = LineChart::new(
        "Vanilla layer at initialisation, W_hh = gain · orthogonal",
        "distance T − t (steps)",
        "mean ‖∂L/∂h_t‖",
    )
    .log_y()
    .legend_at(Corner::LowerLeft);
    for g in &r.gains {
        gains = gains.with(Series::line(
            format!("gain {}", g.gain),
            by_distance(&g.by_distance),
        ));
    }
    let profiles_path = dir.join("faq-gradient-distance.svg");
    save_stacked(&profiles_path, &[cells, gains])?;
    let clip_label = |c: Option<f64>| {
        c.map_or("no clipping".to_owned(), |c| format!("clipped to norm {c}"))
    };
    let mut loss = LineChart::new(
        "Exploding run: training loss (vanilla RNN, SGD)",
        "iteration",
        "mean squared error",
    )
    .log_y();
    let mut norms = LineChart::new(
        "Exploding run: largest gradient norm before clipping",
        "iteration",
        "global gradient norm",
    )
    .log_y();
    for run in &r.clipping {
        let name = clip_label(run.config.schedule.clip);
        loss = loss.with(Series::line(
            name.clone(),
            run.curve
                .iter()
                .map(|p| (p.iteration as f64, p.train_loss.clamp(1e-30, 1e30)))
                .collect(),
        ));
        norms = norms.with(Series::line(
            name,
            run.curve
                .iter()
                .map(|p| (p.iteration as f64, p.max_grad_norm.clamp(1e-30, 1e30)))
                .collect(),
        ));
    }
    let clip_path = dir.join("faq-clipping.svg");
    save_stacked(&clip_path, &[loss, norms])?;
    Ok(vec![profiles_path, clip_path])
}

/// Q2: median learning curve per cell at every length, and final error against length.
pub fn adding_figures(results: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let r: AddingResults = load(results, "`faq adding`")?;
    let cells = [CellKind::Rnn, CellKind::Lstm, CellKind::Gru];
    let mut charts = Vec::new();
    for &length in &r.sweep.settings.lengths {
        let mut chart = LineChart::new(
            &format!("Adding problem, T = {length}: test MSE (median of seeds)"),
            "iteration",
            "test MSE",
        )
        .log_y()
        .legend_at(Corner::LowerLeft);
        let mut last_iteration = 0.0f64;
        for cell in cells {
            let runs: Vec<_> = r
                .runs
                .iter()
                .filter(|x| x.config.schedule.length == length && x.config.cell == cell)
                .collect();
            let Some(first) = runs.first() else { continue };
            let points: Vec<(f64, f64)> = (0..first.curve.len())
                .filter_map(|k| {
                    let values: Vec<f64> = runs
                        .iter()
                        .filter_map(|x| x.curve.get(k))
                        .map(|p| p.test_mse)
                        .collect();
                    (values.len() == runs.len()).then(|| {
                        (first.curve[k].iteration as f64, median(&values).max(1e-30))
                    })
                })
                .collect();
            last_iteration = last_iteration.max(points.last().map_or(0.0, |p| p.0));
            chart = chart.with(Series::line(cell.name(), points));
        }
        chart = chart.with(
            Series::line(
                "always answering 1",
                vec![(0.0, BASELINE_MSE), (last_iteration, BASELINE_MSE)],
            )
            .dashed(),
        );
        charts.push(chart);
    }
    let mut finals = LineChart::new(
        "Final test MSE against sequence length (median of seeds)",
        "sequence length T",
        "test MSE",
    )
    .log_y()
    .legend_at(Corner::LowerRight);
    for cell in cells {
        let points = r
            .sweep
            .settings
            .lengths
            .iter()
            .map(|&length| {
                let values: Vec<f64> = r
                    .runs
                    .iter()
                    .filter(|x| x.config.schedule.length == length && x.config.cell == cell)
                    .map(|x| x.final_test_mse.min(1e30))
                    .collect();
                (length as f64, median(&values).max(1e-30))
            })
            .collect();
        finals = finals.with(Series::line(cell.name(), points).with_markers());
    }
    let lengths = &r.sweep.settings.lengths;
    finals = finals.with(
        Series::line(
            "always answering 1",
            vec![
                (lengths[0] as f64, BASELINE_MSE),
                (*lengths.last().expect("a length") as f64, BASELINE_MSE),
            ],
        )
        .dashed(),
    );
    let curves = dir.join("faq-adding-curves.svg");
    save_stacked(&curves, &charts)?;
    let summary = dir.join("faq-adding-lengths.svg");
    finals.save_svg(&summary)?;
    Ok(vec![curves, summary])
}

/// Q4: test accuracy and epoch time against maxlen, one line per variant.
pub fn padding_figures(results: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let r: PaddingResults = load(results, "`faq padding`")?;
    let mut accuracy = LineChart::new(
        "IMDB test accuracy against maxlen (LSTM)",
        "maxlen (ids kept per review)",
        "test accuracy",
    )
    .legend_at(Corner::LowerLeft);
    let mut time = LineChart::new(
        "Seconds per training epoch against maxlen",
        "maxlen (ids kept per review)",
        "seconds",
    )
    .legend_at(Corner::LowerRight);
    for v in &r.sweep.variants {
        let runs: Vec<_> = r.runs.iter().filter(|x| x.variant == *v).collect();
        accuracy = accuracy.with(
            Series::line(
                v.label(),
                runs.iter()
                    .map(|x| (x.maxlen as f64, x.result.log.test_accuracy))
                    .collect(),
            )
            .with_markers(),
        );
        time = time.with(
            Series::line(
                v.label(),
                runs.iter()
                    .map(|x| {
                        let s: Vec<f64> =
                            x.result.log.epochs.iter().map(|e| e.seconds).collect();
                        (x.maxlen as f64, median(&s))
                    })
                    .collect(),
            )
            .with_markers(),
        );
    }
    let path = dir.join("faq-padding.svg");
    save_stacked(&path, &[accuracy, time])?;
    Ok(vec![path])
}
