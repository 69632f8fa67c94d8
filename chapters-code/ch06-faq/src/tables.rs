//! The chapter's tables, in Markdown, computed from the recorded results so
//! that no number on the page is typed by hand.

use gru::GruForm;
use rand::SeedableRng;
use rand::rngs::StdRng;
use recurrent::CellKind;

use crate::q1_gradients::{GradientResults, Stage};
use crate::q2_adding::AddingResults;
use crate::q4_padding::PaddingResults;
use crate::train::AddingRun;

/// The median of some numbers (the mean of the middle two for an even count).
pub use numeric::stats::median;

/// The error threshold the book calls "solved".
pub const SOLVED_MSE: f64 = 0.01;

fn ratio_at(by_distance: &[f64], d: usize) -> String {
    match by_distance.get(d) {
        Some(v) => format!("{:.1e}", v / by_distance[0]),
        None => "—".to_owned(),
    }
}

/// Q1: how the gradient decays with distance, per cell and stage, and per gain.
pub fn gradient_table(results: &GradientResults) -> String {
    let length = results.settings.training.schedule.length;
    let mut ds = vec![10.min(length), length / 2, length];
    ds.dedup();
    let header = ds
        .iter()
        .map(|d| format!("d = {d}"))
        .collect::<Vec<_>>()
        .join(" | ");
    let rule = "---|".repeat(ds.len());
    let ratios = |values: &[f64]| {
        ds.iter()
            .map(|&d| ratio_at(values, d))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let mut text = format!(
        "{}\n\nThe gradient at distance d, as a fraction of the gradient at h_T (d = 0):\n\n| Cell | When | Test MSE | {header} |\n|---|---|---|{rule}\n",
        provenance_line(&results.provenance)
    );
    for p in &results.profiles {
        let when = match p.stage {
            Stage::Initialisation => "initialisation",
            Stage::Trained => "trained",
        };
        text.push_str(&format!(
            "| {} | {when} | {:.4} | {} |\n",
            p.cell.name(),
            p.test_mse,
            ratios(&p.by_distance)
        ));
    }
    text.push_str(&format!(
        "\nVanilla layer at initialisation with every singular value of $W_{{hh}}$ equal to the gain (T = {length}):\n\n| Gain | {header} |\n|---|{rule}\n"
    ));
    for g in &results.gains {
        text.push_str(&format!("| {} | {} |\n", g.gain, ratios(&g.by_distance)));
    }
    text.push_str("\nThe exploding run (vanilla RNN, plain SGD), without and with clipping:\n\n| Clipping | Largest gradient norm | Loss became infinite or NaN | Final test MSE |\n|---|---|---|---|\n");
    for run in &results.clipping {
        let largest = run
            .curve
            .iter()
            .map(|p| p.max_grad_norm)
            .fold(0.0, f64::max);
        text.push_str(&format!(
            "| {} | {largest:.3e} | {} | {:.4} |\n",
            run.config
                .schedule
                .clip
                .map_or("none".to_owned(), |c| format!("global norm ≤ {c}")),
            if run.diverged { "**yes**" } else { "no" },
            run.final_test_mse
        ));
    }
    text
}

fn provenance_line(p: &crate::record::Provenance) -> String {
    format!(
        "{}{}",
        p.made.caption(),
        if p.quick {
            " (Quick form: small sizes.)"
        } else {
            ""
        }
    )
}

/// The runs of one (length, cell).
fn runs_of(results: &AddingResults, length: usize, cell: CellKind) -> Vec<&AddingRun> {
    results
        .runs
        .iter()
        .filter(|r| r.config.schedule.length == length && r.config.cell == cell)
        .collect()
}

/// The first recorded iteration at which a run's test error was below
/// [`SOLVED_MSE`], if it ever was.
pub fn iterations_to_solve(run: &AddingRun) -> Option<usize> {
    run.curve
        .iter()
        .find(|p| p.test_mse < SOLVED_MSE)
        .map(|p| p.iteration)
}

/// Q2: per length and cell, the final test error (median over seeds and
/// range), how many seeds solved the task, and how soon.
pub fn adding_table(results: &AddingResults) -> String {
    let s = &results.sweep;
    let mut text = format!(
        "{}\n\nEach cell of the table: the final test MSE after {} updates, median over {} seeds [lowest – highest]; how many seeds end below {SOLVED_MSE} (\"solved\"); and the median number of updates after which the test MSE was first below {SOLVED_MSE} (measured every {} updates, over the seeds that got there at all). Always answering 1 scores about 0.167.\n\n| T |",
        provenance_line(&results.provenance),
        s.settings.iterations,
        s.settings.seeds.len(),
        s.settings.eval_every
    );
    for &cell in &s.cells {
        text.push_str(&format!(" {} |", cell.name()));
    }
    text.push_str("\n|---|");
    text.push_str(&"---|".repeat(s.cells.len()));
    text.push('\n');
    for &length in &s.settings.lengths {
        text.push_str(&format!("| {length} |"));
        for &cell in &s.cells {
            let runs = runs_of(results, length, cell);
            let finals: Vec<f64> = runs.iter().map(|r| r.final_test_mse).collect();
            let low = finals.iter().copied().fold(f64::INFINITY, f64::min);
            let high = finals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let solved = finals.iter().filter(|&&m| m < SOLVED_MSE).count();
            let first: Vec<f64> = runs
                .iter()
                .filter_map(|r| iterations_to_solve(r))
                .map(|i| i as f64)
                .collect();
            let when = if first.is_empty() {
                "never below".to_owned()
            } else {
                format!("first below after {:.0}", median(&first))
            };
            text.push_str(&format!(
                " {:.4} [{low:.4} – {high:.4}]; {solved}/{} solved; {when} |",
                median(&finals),
                finals.len()
            ));
        }
        text.push('\n');
    }
    text
}

/// Q3: the three cells side by side at the sizes of chapter 4 (D = H = 100).
///
/// `step_ms` gives, per cell, the recorded median time of one forward and
/// backward pass (B = 32, T = 50) from the benchmarks of chapter 3, and
/// `imdb_accuracy` the test accuracy of chapter 4's masked model.
pub fn cells_table(
    adding: &AddingResults,
    step_ms: &[(CellKind, f64)],
    imdb_accuracy: &[(CellKind, f64)],
) -> String {
    let (d, h) = (100, 100);
    let mut rng = StdRng::seed_from_u64(0);
    let init = numeric::Init::PyTorch;
    let counted = |cell: CellKind, rng: &mut StdRng| match cell.readable() {
        CellKind::Lstm => lstm::Lstm::<f32>::new(d, h, init, rng).parameter_count(),
        CellKind::Gru => {
            gru::Gru::<f32>::new(d, h, GruForm::ResetAfter, init, rng).parameter_count()
        }
        _ => vanilla_rnn::VanillaRnn::<f32>::new(d, h, init, rng).parameter_count(),
    };
    let formula = |cell: CellKind| match cell.readable() {
        CellKind::Lstm => lstm::cell::parameter_count_formula(d, h),
        CellKind::Gru => gru::cell::parameter_count_formula(d, h, GruForm::ResetAfter),
        _ => vanilla_rnn::cell::parameter_count_formula(d, h, 0),
    };
    let longest = *adding
        .sweep
        .settings
        .lengths
        .iter()
        .max()
        .expect("at least one length");
    let mut text = format!(
        "| Cell | Parameters (formula) | Parameters (counted) | Forward + backward, B = 32, T = 50 (Appendix B) | Adding problem, T = {longest}: ms per update, H = 32 | Adding problem, T = {longest}: median test MSE | IMDB test accuracy (chapter 4) |\n|---|---|---|---|---|---|---|\n"
    );
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let lookup = |table: &[(CellKind, f64)]| {
            table.iter().find(|(c, _)| *c == cell).map(|(_, v)| *v)
        };
        let runs = runs_of(adding, longest, cell);
        let finals: Vec<f64> = runs.iter().map(|r| r.final_test_mse).collect();
        let per_update: Vec<f64> = runs
            .iter()
            .map(|r| 1e3 * r.seconds / r.config.schedule.iterations as f64)
            .collect();
        let med = |v: &[f64], digits: usize| {
            if v.is_empty() {
                "—".to_owned()
            } else {
                format!("{:.*}", digits, median(v))
            }
        };
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            cell.name(),
            formula(cell),
            counted(cell, &mut rng),
            lookup(step_ms).map_or("—".to_owned(), |ms| format!("{ms:.1} ms")),
            med(&per_update, 2),
            med(&finals, 4),
            lookup(imdb_accuracy).map_or("—".to_owned(), |a| format!("{a:.4}")),
        ));
    }
    text
}

/// Q4: test accuracy and time per epoch for every maxlen and variant.
pub fn padding_table(results: &PaddingResults) -> String {
    let s = &results.sweep;
    let mut text = format!(
        "{}\n\nTest accuracy of the epoch chosen on validation ({} epoch{} each, {}); in brackets, seconds per training epoch.\n\n| maxlen | reviews padded |",
        provenance_line(&results.provenance),
        s.epochs,
        if s.epochs == 1 { "" } else { "s" },
        match s.limit {
            Some(n) => format!("{n} reviews per split"),
            None => "all 50,000 reviews".to_owned(),
        }
    );
    for v in &s.variants {
        text.push_str(&format!(" {} |", v.label()));
    }
    text.push_str("\n|---|---|");
    text.push_str(&"---|".repeat(s.variants.len()));
    text.push('\n');
    for &maxlen in &s.maxlens {
        let runs: Vec<_> = results.runs.iter().filter(|r| r.maxlen == maxlen).collect();
        let Some(first) = runs.first() else { continue };
        text.push_str(&format!(
            "| {maxlen} | {:.0}% |",
            100.0 * first.padded_share
        ));
        for v in &s.variants {
            match runs.iter().find(|r| r.variant == *v) {
                Some(r) => {
                    let seconds: Vec<f64> =
                        r.result.log.epochs.iter().map(|e| e.seconds).collect();
                    text.push_str(&format!(
                        " {:.4} ({:.0} s) |",
                        r.result.log.test_accuracy,
                        median(&seconds)
                    ));
                }
                None => text.push_str(" — |"),
            }
        }
        text.push('\n');
    }
    text
}
