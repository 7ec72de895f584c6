//! `history.svg`: one benchmark of one option across that option's pieces of evidence, in
//! upload order (as CI attaches them), each point the piece's median with its 95% interval:
//! what github-action-benchmark draws per commit, here per decision.

use super::Chart;
use super::axes::{self, Frame, Scale, Ticks, UnitTicks};
use super::canvas::{Svg, num};
use super::layout::{self, LegendItem, PAD, Swatch};
use super::params::Params;
use crate::model::adr::AdrDocument;
use crate::model::adr_key;
use crate::ssr::attachments::{benchmark_sides, resolve_option, side_name};
use crate::ssr::error::AppError;
use crate::ssr::evidence::{Parsed, Results};
use crate::ssr::evidence_repo::EvidenceInfo;
use crate::ssr::stats::{benchunit, summary};
use std::cell::RefCell;
use std::rc::Rc;

/// One piece of evidence's summary of the benchmark.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// `#3 nightly`: the piece's number within the ADR and its label.
    pub label: String,
    pub median: f64,
    pub interval: Option<(f64, f64)>,
    pub samples: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryData {
    pub option: String,
    pub color: usize,
    pub benchmark: String,
    pub unit: String,
    pub points: Vec<Point>,
}

/// The points of `benchmark` (or the option's first) in `unit` (or its first) for `option`
/// (or the chosen option, or the first side with benchmarks). `None`: nothing to draw yet.
pub fn data(
    doc: &AdrDocument,
    pieces: &[(EvidenceInfo, Parsed)],
    params: &Params,
) -> Result<Option<HistoryData>, AppError> {
    let sides = benchmark_sides(doc, pieces);
    let side = match params.option.as_deref() {
        Some(name) => resolve_option(doc, name).ok_or_else(|| {
            AppError::NotFound(format!(
                "'{name}' is neither an option of this ADR nor baseline"
            ))
        })?,
        None => match doc
            .chosen_option
            .clone()
            .map(Some)
            .filter(|c| sides.contains(c))
            .or_else(|| sides.first().cloned())
        {
            Some(side) => side,
            None => return Ok(None),
        },
    };
    let mine: Vec<(&EvidenceInfo, &Vec<crate::ssr::evidence::BenchResult>)> = pieces
        .iter()
        .filter(|(info, _)| info.option_id == side)
        .filter_map(|(info, parsed)| match &parsed.results {
            Results::Benchmarks(b) => Some((info, b)),
            Results::Metrics(_) => None,
        })
        .collect();
    if mine.is_empty() {
        return Ok(None);
    }
    let first = mine.iter().flat_map(|(_, b)| b.iter()).next();
    let benchmark = match (params.benchmark.as_deref(), first) {
        (Some(b), _) => b.to_owned(),
        (None, Some(r)) => r.name.clone(),
        (None, None) => return Ok(None),
    };
    let in_benchmark = || {
        mine.iter()
            .flat_map(|(_, b)| b.iter())
            .filter(|r| r.name == benchmark)
    };
    let Some(unit) = params
        .unit
        .clone()
        .or_else(|| in_benchmark().next().map(|r| r.unit.clone()))
    else {
        return Err(AppError::NotFound(format!(
            "{} has no benchmark '{benchmark}'",
            side_name(doc, side.as_deref())
        )));
    };
    if !in_benchmark().any(|r| r.unit == unit) {
        return Err(AppError::NotFound(format!(
            "{} has no benchmark '{benchmark}' in '{unit}'",
            side_name(doc, side.as_deref())
        )));
    }
    let points = mine
        .iter()
        .filter_map(|(info, results)| {
            let samples: Vec<f64> = results
                .iter()
                .filter(|r| r.name == benchmark && r.unit == unit)
                .flat_map(|r| r.samples.iter().copied())
                .collect();
            if samples.is_empty() {
                return None;
            }
            let s = summary::summarize(&samples);
            Some(Point {
                label: if info.label.is_empty() {
                    format!("#{}", info.number)
                } else {
                    format!("#{} {}", info.number, info.label)
                },
                median: s.center,
                interval: s.interval(),
                samples: samples.len(),
            })
        })
        .collect();
    Ok(Some(HistoryData {
        option: side_name(doc, side.as_deref()),
        color: sides.iter().position(|s| *s == side).unwrap_or(0),
        benchmark,
        unit,
        points,
    }))
}

pub fn draw(number: i64, data: &HistoryData, params: &Params) -> Result<Chart, AppError> {
    let (w, h) = params.size(960, 480);
    let theme = params.theme;
    let svg = Rc::new(RefCell::new(
        Svg::new(w, h, theme).outlined(params.outline_text),
    ));
    let (wf, hf) = (f64::from(w), f64::from(h));
    let (tidy_unit, factor) = benchunit::tidy(&data.unit);
    let class = benchunit::class_of(&tidy_unit);
    let title = format!(
        "{} history: {} on {} ({}, median and 95% CI per piece of evidence)",
        adr_key::display(number),
        data.benchmark,
        data.option,
        tidy_unit
    );
    let color = theme.series(data.color);
    let header = layout::header(
        &mut svg.borrow_mut(),
        &title,
        &[LegendItem {
            swatch: Swatch::Line(color),
            text: format!("{} in upload order", data.option),
        }],
    );
    let values = || {
        data.points.iter().flat_map(|p| {
            std::iter::once(p.median).chain(p.interval.into_iter().flat_map(|(lo, hi)| [lo, hi]))
        })
    };
    let scale = params.scale.unwrap_or_else(|| Scale::auto(values()));
    let mut notes = Vec::new();
    if data.points.len() == 1 {
        notes.push(
            "One piece of evidence so far: attach more (as CI runs) to see a history.".into(),
        );
    }
    let undrawable = data
        .points
        .iter()
        .filter(|p| scale.place(p.median).is_none())
        .count();
    if undrawable > 0 {
        notes.push(format!(
            "{undrawable} median(s) cannot be drawn on this scale."
        ));
    }
    let footer = layout::footer(&mut svg.borrow_mut(), &notes);
    let y_range = scale.range(values(), 0.1);
    let ticks = UnitTicks::new(&y_range, hf - header - footer, scale, &data.unit);
    let format = |at: f64| ticks.label(at);
    let y_room = ticks.room;
    let n = data.points.len().max(1);
    let slot = (wf - 2.0 * PAD - y_room) / n as f64;
    let names: Vec<&str> = data.points.iter().map(|p| p.label.as_str()).collect();
    let plan = layout::plan_slot_labels(&names, slot, (hf - header - footer) * 0.3);
    let axes = axes::draw(
        &svg,
        &Frame {
            area: (PAD, header, wf - PAD, hf - footer - plan.height),
            y_label_width: y_room,
            x_label_height: 0.0,
        },
        0.0..n as f64,
        y_range,
        None,
        Some(Ticks {
            count: ticks.count,
            format: &format,
        }),
    )?;
    let mut s = svg.borrow_mut();
    let placed: Vec<(f64, f64)> = data
        .points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((axes.px(i as f64 + 0.5), axes.py(scale.place(p.median)?))))
        .collect();
    if placed.len() > 1 {
        let points: Vec<String> = placed
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        s.raw(&format!(
            "<polyline class=\"trend\" points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>",
            points.join(" ")
        ));
    }
    for (i, p) in data.points.iter().enumerate() {
        let Some(at) = scale.place(p.median) else {
            continue;
        };
        let (x, y) = (axes.px(i as f64 + 0.5), axes.py(at));
        let figure = |v: f64| benchunit::scale(v * factor, class);
        let mut tip = format!("{}: {} {tidy_unit}", p.label, figure(p.median));
        let mut attrs = vec![("median", p.median.to_string())];
        if let Some((lo, hi)) = p.interval {
            tip.push_str(&format!(" [{}, {}]", figure(lo), figure(hi)));
            attrs.push(("lo", lo.to_string()));
            attrs.push(("hi", hi.to_string()));
        }
        tip.push_str(&format!(", n={}", p.samples));
        s.open("point", &attrs, Some(&tip));
        if let Some((lo, hi)) = p.interval
            && let (Some(lo), Some(hi)) = (scale.place(lo), scale.place(hi))
        {
            s.line(
                (x, axes.py(lo)),
                (x, axes.py(hi)),
                theme.text,
                1.0,
                "whisker",
            );
        }
        s.raw(&format!(
            "<circle class=\"value\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{color}\" stroke=\"{}\"/>",
            num(x),
            num(y),
            theme.background
        ));
        s.close();
    }
    let centers: Vec<f64> = (0..data.points.len())
        .map(|i| axes.px(i as f64 + 0.5))
        .collect();
    layout::draw_slot_labels(&mut s, &plan, &names, &centers, axes.bottom, "category");
    drop(s);
    let desc = format!(
        "Line chart of {} on {} over {} piece(s) of evidence, {} scale: {}.",
        data.benchmark,
        data.option,
        data.points.len(),
        scale.as_str(),
        data.points
            .iter()
            .map(|p| format!("{} {}", p.label, benchunit::scale(p.median * factor, class)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(Chart {
        svg: super::finish(
            svg,
            "history",
            &title,
            &desc,
            &[("scale", scale.as_str().into())],
        )?,
    })
}
