//! The figure of section 3.3: a one-unit GRU with hand-set weights on the
//! memory task of section 3.2, beside the LSTM. The GRU stores a value with
//! its update gate, but having no output gate, it shows the value all along.

use std::path::{Path, PathBuf};

use figures::{FigureError, LineChart, save_stacked};
use lstm::figures::{input_chart, memory_cell, memory_input, series};
use ndarray::{Array1, Array2, Array3, Axis, arr2};

use crate::{Gru, GruForm};

const GAIN: f64 = 16.0;

// ANCHOR: memory
/// A one-unit GRU (article's form) that reads x_t = (value, write, read):
/// the update gate opens on a write marker, so h takes the candidate tanh(2·value);
/// otherwise z ≈ 0 and h keeps its value. The reset gate stays open (r ≈ 1).
pub fn memory_gru() -> Gru<f64> {
    let zero_h = || Array2::<f64>::zeros((1, 1));
    Gru {
        w_xz: arr2(&[[0.0, GAIN, 0.0]]),
        w_hz: zero_h(),
        b_z: Array1::from_elem(1, -GAIN / 2.0),
        w_xr: Array2::zeros((1, 3)),
        w_hr: zero_h(),
        b_r: Array1::from_elem(1, GAIN / 2.0),
        w_xn: arr2(&[[2.0, 0.0, 0.0]]),
        w_hn: zero_h(),
        b_n: Array1::zeros(1),
        b_hn: None,
    }
}
// ANCHOR_END: memory

/// Write the section's figures into `dir`.
pub fn write_figures(dir: &Path, seed: u64) -> Result<Vec<PathBuf>, FigureError> {
    let x = memory_input(seed);
    let trace = memory_gru().forward(x.view(), None);
    let lstm = memory_cell().forward(x.view(), None, None);
    let unit = |a: &Array3<f64>| a.index_axis(Axis(2), 0).index_axis(Axis(1), 0).to_owned();
    let inputs = input_chart(&x, "Input: the memory task of section 3.2");
    let gates = LineChart::new("GRU gates", "step t", "gate value")
        .with(series("update gate z_t", unit(&trace.z).iter().copied()))
        .with(series("reset gate r_t", unit(&trace.r).iter().copied()))
        .y_range(-0.05, 1.2);
    let states = LineChart::new("Outputs: GRU h_t against LSTM h_t", "step t", "state")
        .with(series("GRU h_t", trace.h.iter().skip(1).copied()))
        .with(series("LSTM h_t", lstm.h.iter().skip(1).copied()))
        .with(series("value", x.index_axis(Axis(2), 0).iter().copied()).dashed());
    let path = dir.join("gru-memory-gates.svg");
    save_stacked(&path, &[inputs, gates, states])?;
    let mut made = vec![path];
    for (form, name) in [
        (GruForm::ResetBefore, "gru-cell-reset-before.svg"),
        (GruForm::ResetAfter, "gru-cell-reset-after.svg"),
    ] {
        let path = dir.join(name);
        crate::diagram::cell(form).save_svg(&path)?;
        made.push(path);
    }
    let path = dir.join("gru-gradient-paths.svg");
    crate::diagram::gradient_paths().save_svg(&path)?;
    made.push(path);
    Ok(made)
}
