//! A line chart: the only kind of plot the book needs so far.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::style::{FONT, HEIGHT, WIDTH, colour};
use fileio::write_atomically;

use crate::FigureError;

/// A closed interval (low, high) of an axis.
type Range = (f64, f64);

/// One named line of a chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// The (x, y) points, in drawing order.
    pub points: Vec<(f64, f64)>,
    /// Draw a marker at every point as well as the line.
    pub markers: bool,
    /// Draw the line dashed (for baselines and references).
    pub dashed: bool,
}

impl Series {
    /// A solid line through `points`.
    pub fn line(name: impl Into<String>, points: Vec<(f64, f64)>) -> Self {
        Series {
            name: name.into(),
            points,
            markers: false,
            dashed: false,
        }
    }

    /// The same line with a marker at every point.
    pub fn with_markers(mut self) -> Self {
        self.markers = true;
        self
    }

    /// The same line, dashed.
    pub fn dashed(mut self) -> Self {
        self.dashed = true;
        self
    }
}

/// A chart with a title, axis labels and any number of series.
#[derive(Debug, Clone, Default)]
pub struct LineChart {
    /// Caption drawn above the plot.
    pub title: String,
    /// Label of the horizontal axis.
    pub x_label: String,
    /// Label of the vertical axis.
    pub y_label: String,
    /// The lines.
    pub series: Vec<Series>,
    /// Use a base-10 logarithmic vertical axis (every y must be > 0).
    pub log_y: bool,
    /// Fix the vertical range instead of fitting it to the data.
    pub y_range: Option<(f64, f64)>,
    /// Where the legend goes.
    pub legend: Corner,
    /// At most this many labels on the horizontal axis (plotters' default if `None`).
    pub x_ticks: Option<usize>,
}

/// A corner of the plot, for the legend.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Corner {
    #[default]
    UpperRight,
    UpperLeft,
    LowerLeft,
    LowerRight,
}

impl LineChart {
    /// An empty chart with its title and axis labels.
    pub fn new(title: &str, x_label: &str, y_label: &str) -> Self {
        LineChart {
            title: title.to_owned(),
            x_label: x_label.to_owned(),
            y_label: y_label.to_owned(),
            ..Default::default()
        }
    }

    /// Add a series.
    pub fn with(mut self, series: Series) -> Self {
        self.series.push(series);
        self
    }

    /// Draw on a logarithmic vertical axis.
    pub fn log_y(mut self) -> Self {
        self.log_y = true;
        self
    }

    /// Fix the vertical range.
    pub fn y_range(mut self, low: f64, high: f64) -> Self {
        self.y_range = Some((low, high));
        self
    }

    /// At most `count` labels on the horizontal axis (for a few whole numbers).
    pub fn x_ticks(mut self, count: usize) -> Self {
        self.x_ticks = Some(count);
        self
    }

    /// Put the legend in another corner.
    pub fn legend_at(mut self, corner: Corner) -> Self {
        self.legend = corner;
        self
    }

    /// Render to an SVG file at `path` (written atomically).
    pub fn save_svg(&self, path: &Path) -> Result<(), FigureError> {
        save_stacked(path, std::slice::from_ref(self))
    }

    fn bounds(&self, path: &Path) -> Result<(Range, Range), FigureError> {
        let fail = |reason: String| FigureError::Draw {
            path: path.display().to_string(),
            reason,
        };
        let points: Vec<(f64, f64)> = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().copied())
            .collect();
        if points.is_empty() {
            return Err(fail(format!("chart '{}' has no points", self.title)));
        }
        if let Some(bad) = points
            .iter()
            .find(|(x, y)| !x.is_finite() || !y.is_finite())
        {
            return Err(fail(format!(
                "chart '{}' has a non-finite point {bad:?}",
                self.title
            )));
        }
        if let Some(bad) = points.iter().find(|(_, y)| self.log_y && *y <= 0.0) {
            return Err(fail(format!(
                "chart '{}' has a log axis but the point {bad:?} is not positive",
                self.title
            )));
        }
        let (mut x0, mut x1) = (f64::INFINITY, f64::NEG_INFINITY);
        let (mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY);
        for (x, y) in points {
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        if x1 <= x0 {
            x1 = x0 + 1.0;
        }
        let (y0, y1) = match self.y_range {
            Some(range) => range,
            None if self.log_y => (y0 / 2.0, y1 * 2.0),
            None => {
                let pad = if y1 > y0 { 0.05 * (y1 - y0) } else { 0.5 };
                (y0 - pad, y1 + pad)
            }
        };
        Ok(((x0, x1), (y0, y1)))
    }

    fn draw(
        &self,
        area: &DrawingArea<SVGBackend, Shift>,
        path: &Path,
    ) -> Result<(), FigureError> {
        let ((x0, x1), (y0, y1)) = self.bounds(path)?;
        let fail = |e: DrawingAreaErrorKind<std::io::Error>| FigureError::Draw {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        // A log axis is drawn as a linear axis over log10(y), labelled with y.
        let to_axis = |y: f64| if self.log_y { y.log10() } else { y };
        let mut chart = ChartBuilder::on(area)
            .caption(&self.title, (FONT, 20))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d(x0..x1, to_axis(y0)..to_axis(y1))
            .map_err(fail)?;
        let log_label = |v: &f64| format!("{:.0e}", 10f64.powf(*v));
        let linear_label = |v: &f64| tidy(*v);
        let y_formatter: &dyn Fn(&f64) -> String = if self.log_y {
            &log_label
        } else {
            &linear_label
        };
        let mut mesh = chart.configure_mesh();
        if let Some(count) = self.x_ticks {
            mesh.x_labels(count);
        }
        mesh.x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .x_label_formatter(&|v| tidy(*v))
            .y_label_formatter(y_formatter)
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 15))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(fail)?;
        for (index, series) in self.series.iter().enumerate() {
            let style = ShapeStyle::from(colour(index)).stroke_width(2);
            let points: Vec<(f64, f64)> = series
                .points
                .iter()
                .map(|&(x, y)| (x, to_axis(y)))
                .collect();
            let drawn = if series.dashed {
                chart.draw_series(DashedLineSeries::new(points.clone(), 6, 4, style))
            } else {
                chart.draw_series(LineSeries::new(points.clone(), style))
            }
            .map_err(fail)?;
            drawn
                .label(series.name.clone())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style));
            if series.markers {
                chart
                    .draw_series(
                        points
                            .into_iter()
                            .map(|p| Circle::new(p, 3, colour(index).filled())),
                    )
                    .map_err(fail)?;
            }
        }
        chart
            .configure_series_labels()
            .position(match self.legend {
                Corner::UpperRight => SeriesLabelPosition::UpperRight,
                Corner::UpperLeft => SeriesLabelPosition::UpperLeft,
                Corner::LowerLeft => SeriesLabelPosition::LowerLeft,
                Corner::LowerRight => SeriesLabelPosition::LowerRight,
            })
            .label_font((FONT, 14))
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(180, 180, 180))
            .draw()
            .map_err(fail)
    }
}

/// A tick label: at most three decimals, no trailing zeros, scientific
/// notation for very large or very small magnitudes.
pub fn tidy(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude < 1e-9 {
        return "0".to_owned(); // rounding noise at a tick meant to be zero
    }
    if !(1e-3..1e5).contains(&magnitude) {
        return format!("{value:.1e}");
    }
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_owned()
}

/// Render several charts stacked vertically into one SVG at `path`, each
/// panel the book's standard size.
pub fn save_stacked(path: &Path, charts: &[LineChart]) -> Result<(), FigureError> {
    if charts.is_empty() {
        return Err(FigureError::Draw {
            path: path.display().to_string(),
            reason: "no charts to draw".to_owned(),
        });
    }
    let mut svg = String::new();
    {
        let height = HEIGHT * charts.len() as u32;
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| FigureError::Draw {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let panels = root.split_evenly((charts.len(), 1));
        for (chart, panel) in charts.iter().zip(panels.iter()) {
            chart.draw(panel, path)?;
        }
        root.present().map_err(|e| FigureError::Draw {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
    }
    Ok(write_atomically(path, svg.as_bytes())?)
}
