//! A gate as a learned interpolation: h_t = (1 − z) ⊙ h_{t−1} + z ⊙ h̃.
//!
//! With a constant candidate h̃ = 1 and h_0 = 0, the state after t steps is
//! 1 − (1 − z)^t: a gate near 0 keeps the old state for many steps, a gate
//! near 1 overwrites it at once. The LSTM's forget gate and the GRU's
//! update gate make this choice per unit and per step, from the input.

use figures::{Corner, LineChart, Series};

/// The gate values drawn.
pub const GATES: [f64; 4] = [0.02, 0.1, 0.5, 0.9];

/// h_t for t = 0 … steps, from h_0 = 0 towards a candidate of 1 with gate `z`.
pub fn interpolate(z: f64, steps: usize) -> Vec<f64> {
    let mut h = 0.0;
    let mut values = vec![h];
    for _ in 0..steps {
        h = (1.0 - z) * h + z * 1.0;
        values.push(h);
    }
    values
}

/// The chart: one line per gate value.
pub fn chart() -> LineChart {
    let mut chart = LineChart::new(
        "A gate interpolates: h_t = (1 − z) h_{t−1} + z · 1, from h_0 = 0",
        "step t",
        "state h_t",
    )
    .y_range(0.0, 1.05)
    .legend_at(Corner::LowerRight);
    for z in GATES {
        let points = interpolate(z, 40)
            .into_iter()
            .enumerate()
            .map(|(t, h)| (t as f64, h))
            .collect();
        chart = chart.with(Series::line(format!("gate z = {z}"), points));
    }
    chart
}
