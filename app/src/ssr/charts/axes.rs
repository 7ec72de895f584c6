//! A chart's axes, grid and tick labels, laid out and drawn by plotters into the chart's
//! SVG, and the mapping from values to pixels that the chart's own elements use. A log
//! axis is a linear axis over `log10` of the values, so both scales share one path.

use super::canvas::{Backend, Svg, rgb};
use super::layout::TEXT_SIZE;
use crate::ssr::error::AppError;
use crate::ssr::stats::benchunit;
use plotters::prelude::*;
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

/// A value axis: linear, or logarithmic (values are then `log10` of the data).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    Linear,
    Log,
}

impl Scale {
    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Linear => "linear",
            Scale::Log => "log",
        }
    }

    /// Where `value` sits on this axis, or `None` when it cannot be drawn (NaN, infinite,
    /// or not above zero on a log axis).
    pub fn place(self, value: f64) -> Option<f64> {
        match self {
            _ if !value.is_finite() => None,
            Scale::Linear => Some(value),
            Scale::Log if value > 0.0 => Some(value.log10()),
            Scale::Log => None,
        }
    }

    /// The data value at axis position `at`.
    pub fn value(self, at: f64) -> f64 {
        match self {
            Scale::Linear => at,
            Scale::Log => 10f64.powf(at),
        }
    }

    /// The axis range that holds `values` (data values), with `headroom` (a fraction of the
    /// span) above: from zero on a linear axis, from the decade below on a log axis.
    pub fn range(self, values: impl Iterator<Item = f64>, headroom: f64) -> Range<f64> {
        let placed: Vec<f64> = values.filter_map(|v| self.place(v)).collect();
        let lo = placed.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = placed.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !lo.is_finite() || !hi.is_finite() {
            return 0.0..1.0;
        }
        match self {
            Scale::Linear => {
                let (lo, hi) = (lo.min(0.0), hi.max(0.0));
                let span = if hi > lo { hi - lo } else { 1.0 };
                lo..hi + span * headroom
            }
            Scale::Log => {
                let (lo, hi) = (lo.floor(), hi.ceil().max(lo.floor() + 1.0));
                lo..hi + (hi - lo) * headroom
            }
        }
    }

    /// Whether values spanning `lo` to `hi` read better on a log axis: more than three
    /// decades apart.
    pub fn auto(values: impl Iterator<Item = f64>) -> Scale {
        let positive: Vec<f64> = values.filter(|v| v.is_finite() && *v > 0.0).collect();
        let lo = positive.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = positive.iter().copied().fold(0.0, f64::max);
        if lo.is_finite() && hi / lo > 1000.0 {
            Scale::Log
        } else {
            Scale::Linear
        }
    }
}

/// The plotting rectangle, in pixels, and the ranges it shows.
#[derive(Clone, Debug)]
pub struct Axes {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub x: Range<f64>,
    pub y: Range<f64>,
}

impl Axes {
    /// The pixel column of axis position `x`.
    pub fn px(&self, x: f64) -> f64 {
        self.left + (x - self.x.start) / (self.x.end - self.x.start) * (self.right - self.left)
    }

    /// The pixel row of axis position `y`.
    pub fn py(&self, y: f64) -> f64 {
        self.bottom - (y - self.y.start) / (self.y.end - self.y.start) * (self.bottom - self.top)
    }
}

/// Tick labels along one axis.
pub struct Ticks<'a> {
    /// How many labels at most.
    pub count: usize,
    pub format: &'a dyn Fn(f64) -> String,
}

/// The box the axes are drawn in, and the room kept for tick labels.
pub struct Frame {
    /// Left, top, right and bottom edges, in pixels.
    pub area: (f64, f64, f64, f64),
    /// Width left of the plot for y tick labels; height below it for x tick labels.
    pub y_label_width: f64,
    pub x_label_height: f64,
}

fn drawing(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("drawing a chart: {e}"))
}

/// Draws the axes, grid lines at the ticks and tick labels; `x_ticks`/`y_ticks` of `None`
/// leave that axis without labels or grid (a category axis whose labels the chart draws).
pub fn draw(
    svg: &Rc<RefCell<Svg>>,
    frame: &Frame,
    x: Range<f64>,
    y: Range<f64>,
    x_ticks: Option<Ticks>,
    y_ticks: Option<Ticks>,
) -> Result<Axes, AppError> {
    let theme = svg.borrow().theme;
    let (w, h) = {
        let s = svg.borrow();
        (f64::from(s.width), f64::from(s.height))
    };
    let (l, t, r, b) = frame.area;
    let root = Backend::new(svg.clone()).into_drawing_area();
    let area = root.margin(
        t.round() as i32,
        (h - b).round() as i32,
        l.round() as i32,
        (w - r).round() as i32,
    );
    let mut chart = ChartBuilder::on(&area)
        .x_label_area_size(frame.x_label_height.round() as i32)
        .y_label_area_size(frame.y_label_width.round() as i32)
        .build_cartesian_2d(x.clone(), y.clone())
        .map_err(drawing)?;
    let text = rgb(theme.text);
    let style = (super::font::FAMILY, TEXT_SIZE).into_font().color(&text);
    let x_format = |v: &f64| {
        x_ticks
            .as_ref()
            .map_or_else(String::new, |t| (t.format)(*v))
    };
    let y_format = |v: &f64| {
        y_ticks
            .as_ref()
            .map_or_else(String::new, |t| (t.format)(*v))
    };
    let grid = rgb(theme.grid);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(x_ticks.as_ref().map_or(0, |t| t.count))
        .y_labels(y_ticks.as_ref().map_or(0, |t| t.count))
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .label_style(style)
        .axis_style(rgb(theme.axis))
        .bold_line_style(grid)
        .light_line_style(TRANSPARENT);
    if x_ticks.is_none() {
        mesh.disable_x_mesh();
    }
    if y_ticks.is_none() {
        mesh.disable_y_mesh();
    }
    mesh.draw().map_err(drawing)?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    Ok(Axes {
        left: f64::from(xs.start),
        right: f64::from(xs.end),
        top: f64::from(ys.start),
        bottom: f64::from(ys.end),
        x,
        y,
    })
}

/// Tick labels for a value axis of benchmark figures in `unit` (as written, `ns/op`), scaled
/// the way benchstat scales them: one prefix for a linear axis, each tick its own on a log
/// axis. As many ticks as fit `height` pixels, one per 40.
pub struct UnitTicks {
    pub count: usize,
    /// The width the labels need beside the axis.
    pub room: f64,
    scale: Scale,
    factor: f64,
    class: benchunit::Class,
    linear: benchunit::Scaler,
}

impl UnitTicks {
    pub fn new(range: &Range<f64>, height: f64, scale: Scale, unit: &str) -> Self {
        let (tidy, factor) = benchunit::tidy(unit);
        let class = benchunit::class_of(&tidy);
        let count = ((height / 40.0) as usize).clamp(2, 10);
        let at = ticks(range, count);
        let linear =
            benchunit::common_scale(&at.iter().map(|t| t * factor).collect::<Vec<_>>(), class);
        let mut ticks = UnitTicks {
            count,
            room: 0.0,
            scale,
            factor,
            class,
            linear,
        };
        ticks.room = label_room(at.iter().map(|&t| ticks.label(t)));
        ticks
    }

    /// The label at axis position `at`.
    pub fn label(&self, at: f64) -> String {
        let v = self.scale.value(at) * self.factor;
        match self.scale {
            _ if v == 0.0 => "0".to_owned(),
            Scale::Linear => self.linear.format(v),
            Scale::Log => benchunit::scale(v, self.class),
        }
    }
}

/// The widest of `labels` at the tick size, plus room for the tick marks.
pub fn label_room(labels: impl Iterator<Item = String>) -> f64 {
    labels
        .map(|l| super::font::width(&l, TEXT_SIZE))
        .fold(0.0, f64::max)
        + 12.0
}

/// The tick positions plotters will pick for `range` with at most `count` labels.
pub fn ticks(range: &Range<f64>, count: usize) -> Vec<f64> {
    use plotters::coord::ranged1d::Ranged;
    let coord: plotters::coord::types::RangedCoordf64 = range.clone().into();
    coord.key_points(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_is_picked_past_three_decades() {
        assert_eq!(Scale::auto([1.0, 999.0].into_iter()), Scale::Linear);
        assert_eq!(Scale::auto([1.0, 1001.0, -5.0].into_iter()), Scale::Log);
        assert_eq!(Scale::auto([f64::NAN, 0.0].into_iter()), Scale::Linear);
    }

    #[test]
    fn values_that_cannot_be_drawn_are_left_out() {
        assert_eq!(Scale::Log.place(0.0), None);
        assert_eq!(Scale::Log.place(-1.0), None);
        assert_eq!(Scale::Linear.place(f64::INFINITY), None);
        assert_eq!(Scale::Log.place(100.0), Some(2.0));
        assert_eq!(Scale::Log.range([3.0, 4000.0].into_iter(), 0.0), 0.0..4.0);
        assert_eq!(Scale::Linear.range([2.0, 10.0].into_iter(), 0.1), 0.0..11.0);
        assert_eq!(Scale::Linear.range(std::iter::empty(), 0.1), 0.0..1.0);
    }
}
