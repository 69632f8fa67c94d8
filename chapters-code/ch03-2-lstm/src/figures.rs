//! The figure of section 3.2: a one-unit LSTM with hand-set weights that
//! stores a value when told to write and shows it when told to read. The
//! gates' values, computed by [`Lstm::forward`], show how gating makes memory.

use std::path::{Path, PathBuf};

use figures::{FigureError, LineChart, Series, save_stacked};
use ndarray::{Array1, Array2, Array3, Axis, arr2};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::Lstm;

/// Steps of the memory task, and the steps with a write and a read marker.
pub const STEPS: usize = 40;
pub const WRITES: [usize; 2] = [4, 22];
pub const READS: [usize; 3] = [12, 18, 33];

/// How sharp the hand-set gates are: σ(±GAIN/2) ≈ 0.9997 or 0.0003.
const GAIN: f64 = 16.0;

// ANCHOR: memory
/// A one-unit LSTM that reads x_t = (value, write, read):
/// the input gate opens and the forget gate closes on a write marker, the
/// output gate opens on a read marker, and the candidate is the value.
pub fn memory_cell() -> Lstm<f64> {
    let zero_h = || Array2::<f64>::zeros((1, 1));
    let half = Array1::from_elem(1, GAIN / 2.0);
    Lstm {
        w_xi: arr2(&[[0.0, GAIN, 0.0]]),
        w_hi: zero_h(),
        b_i: -&half,
        w_xf: arr2(&[[0.0, -GAIN, 0.0]]),
        w_hf: zero_h(),
        b_f: half.clone(),
        w_xo: arr2(&[[0.0, 0.0, GAIN]]),
        w_ho: zero_h(),
        b_o: -&half,
        w_xc: arr2(&[[2.0, 0.0, 0.0]]),
        w_hc: zero_h(),
        b_c: Array1::zeros(1),
    }
}
// ANCHOR_END: memory

/// The input of the memory task: random values, write and read markers.
pub fn memory_input(seed: u64) -> Array3<f64> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut x = Array3::zeros((STEPS, 1, 3));
    for t in 0..STEPS {
        x[[t, 0, 0]] = rng.random_range(-1.0..1.0);
        x[[t, 0, 1]] = f64::from(u8::from(WRITES.contains(&t)));
        x[[t, 0, 2]] = f64::from(u8::from(READS.contains(&t)));
    }
    x
}

/// A series over steps 1, 2, … from per-step values.
pub fn series(name: &str, values: impl Iterator<Item = f64>) -> Series {
    Series::line(
        name,
        values
            .enumerate()
            .map(|(t, v)| ((t + 1) as f64, v))
            .collect(),
    )
}

/// The panel that shows the memory task's three input channels.
pub fn input_chart(x: &Array3<f64>, title: &str) -> LineChart {
    let channel = |c: usize| x.index_axis(Axis(2), c).iter().copied().collect::<Vec<_>>();
    LineChart::new(title, "step t", "x_t")
        .with(series("value", channel(0).into_iter()))
        .with(series("write marker", channel(1).into_iter()))
        .with(series("read marker", channel(2).into_iter()))
}

/// Write the section's figures into `dir`.
pub fn write_figures(dir: &Path, seed: u64) -> Result<Vec<PathBuf>, FigureError> {
    let x = memory_input(seed);
    let trace = memory_cell().forward(x.view(), None, None);
    let unit = |a: &Array3<f64>| a.index_axis(Axis(2), 0).index_axis(Axis(1), 0).to_owned();
    let (i, f, o) = (unit(&trace.i), unit(&trace.f), unit(&trace.o));
    let inputs = input_chart(&x, "Input: a value at every step, write and read markers");
    let gates = LineChart::new("Gates", "step t", "gate value")
        .with(series("input gate i_t", i.iter().copied()))
        .with(series("forget gate f_t", f.iter().copied()))
        .with(series("output gate o_t", o.iter().copied()))
        .y_range(-0.05, 1.2);
    let states = LineChart::new("States", "step t", "state")
        .with(series("cell state C_t", trace.c.iter().skip(1).copied()))
        .with(series("hidden state h_t", trace.h.iter().skip(1).copied()))
        .with(series("value", x.index_axis(Axis(2), 0).iter().copied()).dashed());
    let path = dir.join("lstm-memory-gates.svg");
    save_stacked(&path, &[inputs, gates, states])?;
    let cell = dir.join("lstm-cell.svg");
    crate::diagram::cell().save_svg(&cell)?;
    let paths = dir.join("lstm-gradient-paths.svg");
    crate::diagram::gradient_paths().save_svg(&paths)?;
    let bptt = dir.join("lstm-bptt.svg");
    crate::bptt_diagram::bptt().save_svg(&bptt)?;
    Ok(vec![path, cell, paths, bptt])
}
