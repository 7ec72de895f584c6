//! `relative.svg`: each option's geomean relative to the base option, per unit, sorted,
//! like the guide's "performance relative to C" bars: a bar from 1× (the base) to the
//! option's ratio, on a log axis so that 2× and ½× are as long.

use super::Chart;
use super::axes::Scale;
use super::benchmarks::{BenchData, Mark};
use super::canvas::Svg;
use super::hbars::{self, Panel, Row, Segment};
use super::layout::{self, LegendItem, PAD, Swatch};
use super::params::Params;
use crate::model::adr_key;
use crate::ssr::error::AppError;
use crate::ssr::stats::mathx::geomean;
use std::cell::RefCell;
use std::rc::Rc;

/// One option's geomean ratio in one unit, over the benchmarks both sides have.
#[derive(Clone, Debug, PartialEq)]
pub struct Ratio {
    pub unit: String,
    pub option: String,
    pub color: usize,
    pub ratio: f64,
    pub benchmarks: usize,
}

/// The ratios of every option against the base, for each unit's data, sorted within a unit.
pub fn ratios(per_unit: &[BenchData]) -> Vec<Ratio> {
    let mut out = Vec::new();
    for data in per_unit {
        let mut unit_rows: Vec<Ratio> = Vec::new();
        for (i, option) in data.options.iter().enumerate().skip(1) {
            let pairs: Vec<(f64, f64)> = data
                .groups
                .iter()
                .filter_map(|g| {
                    let base = g.bars[0].as_ref()?.median;
                    let new = g.bars[i]
                        .as_ref()
                        .filter(|b| b.mark != Mark::Untested)?
                        .median;
                    (base > 0.0 && new > 0.0).then_some((base, new))
                })
                .collect();
            if pairs.is_empty() {
                continue;
            }
            let base: Vec<f64> = pairs.iter().map(|p| p.0).collect();
            let new: Vec<f64> = pairs.iter().map(|p| p.1).collect();
            unit_rows.push(Ratio {
                unit: data.tidy_unit.clone(),
                option: option.clone(),
                color: data.colors[i],
                ratio: geomean(&new) / geomean(&base),
                benchmarks: pairs.len(),
            });
        }
        unit_rows.sort_by(|a, b| a.ratio.total_cmp(&b.ratio));
        out.extend(unit_rows);
    }
    out
}

/// `ratio` as a reader takes it: `0.85× (−15.0%)`.
fn ratio_text(ratio: f64) -> String {
    format!("{ratio:.2}× ({:+.1}%)", (ratio - 1.0) * 100.0)
}

pub fn draw(number: i64, base: &str, rows: &[Ratio], params: &Params) -> Result<Chart, AppError> {
    let height = 110 + 26 * rows.len().max(1) as u32;
    let (w, h) = params.size(960, height.clamp(200, 4000));
    let theme = params.theme;
    let svg = Rc::new(RefCell::new(
        Svg::new(w, h, theme).outlined(params.outline_text),
    ));
    let title = format!(
        "{} geomean relative to {base}, per unit (1× = {base}; lower means less of the unit)",
        adr_key::display(number)
    );
    let header = layout::header(
        &mut svg.borrow_mut(),
        &title,
        &[LegendItem {
            swatch: Swatch::Line(theme.text),
            text: format!("{base} (1×)"),
        }],
    );
    let mut notes = Vec::new();
    if rows.is_empty() {
        notes.push(format!(
            "No option shares a benchmark with {base}: there is no ratio to draw."
        ));
    }
    let footer = layout::footer(&mut svg.borrow_mut(), &notes);
    let format = |v: f64| format!("{v:.2}×");
    let panel = Panel {
        title: None,
        rows: rows
            .iter()
            .map(|r| Row {
                label: format!("{} · {}", r.unit, r.option),
                segments: vec![Segment {
                    from: 1.0,
                    to: r.ratio,
                    fill: theme.series(r.color).to_owned(),
                    hatched: false,
                    title: None,
                }],
                interval: None,
                note: ratio_text(r.ratio),
                tooltip: format!(
                    "{} in {}: {} of {base}, geomean over {} benchmark(s)",
                    r.option,
                    r.unit,
                    ratio_text(r.ratio),
                    r.benchmarks
                ),
                data: vec![
                    ("option", r.option.clone()),
                    ("unit", r.unit.clone()),
                    ("ratio", r.ratio.to_string()),
                ],
            })
            .collect(),
        scale: Scale::Log,
        format: &format,
        reference: Some((1.0, theme.text)),
        include: vec![1.0],
    };
    let (wf, hf) = (f64::from(w), f64::from(h));
    hbars::draw(&svg, (PAD, header, wf - PAD, hf - footer), &panel)?;
    let desc = format!(
        "Horizontal bars of each option's geometric mean relative to {base}, per unit, on a log scale: {}.",
        if rows.is_empty() {
            "none".to_owned()
        } else {
            rows.iter()
                .map(|r| format!("{} {} {}", r.option, r.unit, ratio_text(r.ratio)))
                .collect::<Vec<_>>()
                .join("; ")
        }
    );
    Ok(Chart {
        svg: super::finish(svg, "relative", &title, &desc, &[("scale", "log".into())])?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::charts::benchmarks::{Bar, Group};

    fn bar(median: f64, mark: Mark) -> Option<Bar> {
        Some(Bar {
            median,
            interval: None,
            samples: 5,
            mark,
            p_value: None,
        })
    }

    #[test]
    fn ratios_are_geomeans_of_shared_benchmarks_sorted() {
        let data = BenchData {
            unit: "ns/op".into(),
            tidy_unit: "sec/op".into(),
            units: vec!["ns/op".into()],
            options: vec!["Go".into(), "Rust".into(), "Java".into()],
            colors: vec![0, 1, 2],
            groups: vec![
                Group {
                    name: "A".into(),
                    bars: vec![
                        bar(10.0, Mark::Base),
                        bar(5.0, Mark::Lower(-50.0)),
                        bar(40.0, Mark::Higher(300.0)),
                    ],
                },
                Group {
                    name: "B".into(),
                    bars: vec![
                        bar(100.0, Mark::Base),
                        bar(200.0, Mark::Higher(100.0)),
                        bar(0.0, Mark::Same),
                    ],
                },
            ],
            alpha: 0.05,
        };
        let r = ratios(&[data]);
        assert_eq!(r.len(), 2);
        // Rust: sqrt(5*200)/sqrt(10*100) = 1; Java: only A (0 cannot enter a geomean) = 4.
        assert_eq!((r[0].option.as_str(), r[0].benchmarks), ("Rust", 2));
        assert!((r[0].ratio - 1.0).abs() < 1e-12);
        assert_eq!((r[1].option.as_str(), r[1].benchmarks), ("Java", 1));
        assert!((r[1].ratio - 4.0).abs() < 1e-12);
    }
}
