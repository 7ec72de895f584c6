//! Horizontal bars in a panel: a label left of each row, bars (stacked segments) along a
//! value axis, an optional interval and reference line, and a note right of each row. The
//! relative, metrics, scores and languages charts are made of such panels.

use super::axes::{self, Frame, Scale, Ticks};
use super::canvas::{Anchor, Label, Svg};
use super::font;
use super::layout::{GAP, TEXT_SIZE, plan_row_labels};
use crate::ssr::error::AppError;
use std::cell::RefCell;
use std::rc::Rc;

/// A stretch of a bar, from `from` to `to` in data values.
pub struct Segment {
    pub from: f64,
    pub to: f64,
    pub fill: String,
    /// Striped: the second cue, besides colour, for a failing value.
    pub hatched: bool,
    pub title: Option<String>,
}

pub struct Row {
    pub label: String,
    pub segments: Vec<Segment>,
    pub interval: Option<(f64, f64)>,
    pub note: String,
    pub tooltip: String,
    pub data: Vec<(&'static str, String)>,
}

pub struct Panel<'a> {
    pub title: Option<String>,
    pub rows: Vec<Row>,
    pub scale: Scale,
    pub format: &'a dyn Fn(f64) -> String,
    /// A vertical line at this value, in this colour (a threshold, or 1× for ratios).
    pub reference: Option<(f64, &'a str)>,
    /// Extra values the axis must show (the bars' origin, the reference).
    pub include: Vec<f64>,
}

/// Draws `panel` inside `(left, top, right, bottom)`; returns how many values could not be
/// drawn on its scale.
pub fn draw(
    svg: &Rc<RefCell<Svg>>,
    (left, top, right, bottom): (f64, f64, f64, f64),
    panel: &Panel,
) -> Result<usize, AppError> {
    let theme = svg.borrow().theme;
    let width = right - left;
    let mut top = top;
    if let Some(title) = &panel.title {
        let text = font::shorten(title, width, TEXT_SIZE);
        let tooltip = (&text != title).then_some(title.as_str());
        svg.borrow_mut().label(
            &Label::new(
                left,
                top + font::ascent(TEXT_SIZE),
                &text,
                TEXT_SIZE,
                theme.text,
            )
            .title(tooltip)
            .class("panel-title"),
        );
        top += font::line_height(TEXT_SIZE) + GAP;
    }
    let n = panel.rows.len().max(1);
    // The label and note columns: as wide as their widest text, at most 30% each.
    let column = |text: fn(&Row) -> &str| {
        panel
            .rows
            .iter()
            .map(|r| font::width(text(r), TEXT_SIZE))
            .fold(0.0, f64::max)
            .min(width * 0.3)
            + GAP
    };
    let label_w = column(|r| &r.label);
    let note_w = column(|r| &r.note);
    let values: Vec<f64> = panel
        .rows
        .iter()
        .flat_map(|r| {
            r.segments
                .iter()
                .flat_map(|s| [s.from, s.to])
                .chain(r.interval.into_iter().flat_map(|(lo, hi)| [lo, hi]))
        })
        .chain(panel.include.iter().copied())
        .collect();
    let undrawable = panel
        .rows
        .iter()
        .flat_map(|r| &r.segments)
        .filter(|s| panel.scale.place(s.to).is_none())
        .count();
    let x_range = panel.scale.range(values.iter().copied(), 0.05);
    let plot_w = (width - label_w - note_w).max(10.0);
    // As many tick labels as fit side by side.
    let widest = axes::ticks(&x_range, 8)
        .into_iter()
        .map(|t| font::width(&(panel.format)(panel.scale.value(t)), TEXT_SIZE))
        .fold(0.0, f64::max);
    let count = ((plot_w / (widest + 24.0)) as usize).clamp(2, 8);
    let format = |at: f64| (panel.format)(panel.scale.value(at));
    let axes = axes::draw(
        svg,
        &Frame {
            area: (left + label_w, top, right - note_w, bottom),
            y_label_width: 0.0,
            x_label_height: font::line_height(TEXT_SIZE) + 8.0,
        },
        x_range,
        0.0..n as f64,
        Some(Ticks {
            count,
            format: &format,
        }),
        None,
    )?;
    let row_h = (axes.bottom - axes.top) / n as f64;
    let (size, every) = plan_row_labels(row_h);
    let origin = axes.left;
    let mut s = svg.borrow_mut();
    for (i, row) in panel.rows.iter().enumerate() {
        let center = axes.py(n as f64 - i as f64 - 0.5);
        let half = (row_h * 0.3).max(0.5);
        s.open("row", &row.data, Some(&row.tooltip));
        for segment in &row.segments {
            let from = panel
                .scale
                .place(segment.from)
                .map_or(origin, |v| axes.px(v));
            let Some(to) = panel.scale.place(segment.to).map(|v| axes.px(v)) else {
                continue;
            };
            if let Some(title) = &segment.title {
                s.open("segment", &[], Some(title));
            }
            s.rect(
                (from, center - half),
                (to, center + half),
                &segment.fill,
                "value",
            );
            if segment.title.is_some() {
                s.close();
            }
        }
        if let Some((lo, hi)) = row.interval
            && let (Some(lo), Some(hi)) = (panel.scale.place(lo), panel.scale.place(hi))
        {
            let (x0, x1) = (axes.px(lo), axes.px(hi));
            let cap = half.min(4.0);
            s.line((x0, center), (x1, center), theme.text, 1.0, "whisker");
            s.line(
                (x0, center - cap),
                (x0, center + cap),
                theme.text,
                1.0,
                "cap",
            );
            s.line(
                (x1, center - cap),
                (x1, center + cap),
                theme.text,
                1.0,
                "cap",
            );
        }
        if i % every == 0 {
            let baseline = center + (font::ascent(size) - font::descent(size)) / 2.0;
            let label = font::shorten(&row.label, label_w - GAP, size);
            let tooltip = (label != row.label).then_some(row.label.as_str());
            s.label(
                &Label::new(axes.left - GAP, baseline, &label, size, theme.text)
                    .anchor(Anchor::End)
                    .title(tooltip)
                    .class("category"),
            );
            let note = font::shorten(&row.note, note_w - GAP, size);
            let tooltip = (note != row.note).then_some(row.note.as_str());
            s.label(
                &Label::new(axes.right + GAP, baseline, &note, size, theme.muted)
                    .title(tooltip)
                    .class("value-note"),
            );
        }
        s.close();
    }
    if let Some((value, color)) = panel.reference
        && let Some(at) = panel.scale.place(value)
    {
        let x = axes.px(at);
        s.line((x, axes.top), (x, axes.bottom), color, 2.0, "reference");
    }
    Ok(undrawable)
}
