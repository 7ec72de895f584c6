//! `benchmarks.svg`: one group of bars per benchmark, one bar per option, each the median
//! with its 95% interval as whiskers, marked against the base option as benchstat judges
//! it: a significant rise (▲) or fall (▼), or `~` (hatched) where there is none.

use super::axes::{self, Frame, Scale, Ticks, UnitTicks};
use super::canvas::{Glyph, Svg, num};
use super::layout::{self, GAP, LegendItem, PAD, Swatch, TEXT_SIZE};
use super::params::Params;
use super::{Chart, font};
use crate::model::adr::AdrDocument;
use crate::model::adr_key;
use crate::ssr::attachments::{benchmark_sides, resolve_option, side_name, side_results};
use crate::ssr::compare::{self, Row, Side, Text};
use crate::ssr::error::AppError;
use crate::ssr::evidence::Parsed;
use crate::ssr::evidence_repo::{EvidenceInfo, EvidenceSettings};
use crate::ssr::stats::benchunit;
use crate::ssr::stats::summary;
use std::cell::RefCell;
use std::rc::Rc;

/// How a bar compares with the base option's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    Base,
    /// A significant change, by this many percent.
    Higher(f64),
    Lower(f64),
    /// No significant change.
    Same,
    /// Nothing to compare with: the base side lacks the benchmark.
    Untested,
}

impl Mark {
    fn glyph(self) -> Option<Glyph> {
        match self {
            Mark::Higher(_) => Some(Glyph::Up),
            Mark::Lower(_) => Some(Glyph::Down),
            Mark::Same => Some(Glyph::Tilde),
            Mark::Base | Mark::Untested => None,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Mark::Higher(_) => "▲",
            Mark::Lower(_) => "▼",
            Mark::Same => "~",
            Mark::Base | Mark::Untested => "",
        }
    }

    fn solid(self) -> bool {
        matches!(self, Mark::Base | Mark::Higher(_) | Mark::Lower(_))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub median: f64,
    pub interval: Option<(f64, f64)>,
    pub samples: usize,
    pub mark: Mark,
    pub p_value: Option<f64>,
}

/// One benchmark: a bar per option (in [`BenchData::options`] order), where it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: String,
    pub bars: Vec<Option<Bar>>,
}

impl Group {
    /// The largest significant change of the group, then the largest change: the order
    /// `?top=N` keeps groups in.
    fn rank(&self) -> (bool, f64) {
        let mut significant = false;
        let mut largest: f64 = 0.0;
        for bar in self.bars.iter().flatten() {
            if let Mark::Higher(d) | Mark::Lower(d) = bar.mark {
                if !significant {
                    largest = 0.0;
                }
                significant = true;
                largest = largest.max(d.abs());
            }
        }
        (significant, largest)
    }
}

/// What the chart draws.
#[derive(Clone, Debug, PartialEq)]
pub struct BenchData {
    /// The unit as the base side writes it, and as benchstat names it.
    pub unit: String,
    pub tidy_unit: String,
    pub units: Vec<String>,
    /// The sides, base first; `colors[i]` is side `i`'s place among all of the ADR's sides,
    /// so an option keeps its colour whichever base is picked.
    pub options: Vec<String>,
    pub colors: Vec<usize>,
    pub groups: Vec<Group>,
    pub alpha: f64,
}

/// Every unit's groups: the base side (`base`, or the first side with evidence) against
/// each other side, paired as the comparison pairs them (name mapping, unit conversion).
/// `None` when there is no benchmark evidence to draw.
pub fn by_unit(
    doc: &AdrDocument,
    pieces: &[(EvidenceInfo, Parsed)],
    settings: &EvidenceSettings,
    base: Option<&str>,
) -> Result<Option<Vec<BenchData>>, AppError> {
    let sides = benchmark_sides(doc, pieces);
    let base = match base {
        None => match sides.first() {
            Some(first) => first.clone(),
            None => return Ok(None),
        },
        Some(name) => resolve_option(doc, name).ok_or_else(|| {
            AppError::NotFound(format!(
                "'{name}' is neither an option of this ADR nor baseline"
            ))
        })?,
    };
    if !sides.contains(&base) {
        return Ok(None);
    }
    let color_of = |side: &Option<String>| sides.iter().position(|s| s == side).unwrap_or(0);
    let make = |id: &Option<String>| Side {
        label: side_name(doc, id.as_deref()),
        results: side_results(pieces, id.as_deref()),
    };
    let base_side = make(&base);
    let others: Vec<&Option<String>> = sides.iter().filter(|s| **s != base).collect();
    let alpha = compare::DEFAULT_ALPHA;
    let reports: Vec<Vec<Row>> = if others.is_empty() {
        // One side: its own medians, nothing to test against.
        vec![lone_rows(&base_side)]
    } else {
        others
            .iter()
            .map(|o| {
                let other = make(o);
                compare::compare(&base_side, &other, alpha, &settings.name_map, Text::Skip).rows
            })
            .collect()
    };
    let mut options = vec![base_side.label.clone()];
    let mut colors = vec![color_of(&base)];
    options.extend(others.iter().map(|o| side_name(doc, o.as_deref())));
    colors.extend(others.iter().map(|o| color_of(o)));
    let mut units: Vec<String> = Vec::new();
    let mut per_unit: Vec<Vec<Group>> = Vec::new();
    type Key<'r> = (&'r str, &'r str, &'r [(String, String)]);
    let mut index: rustc_hash::FxHashMap<Key<'_>, (usize, usize)> = Default::default();
    for (i, rows) in reports.iter().enumerate() {
        for row in rows {
            let key = (row.unit.as_str(), row.benchmark.as_str(), &*row.config);
            let (u, at) = *index.entry(key).or_insert_with(|| {
                let u = match units.iter().position(|x| *x == row.unit) {
                    Some(u) => u,
                    None => {
                        units.push(row.unit.clone());
                        per_unit.push(Vec::new());
                        units.len() - 1
                    }
                };
                per_unit[u].push(Group {
                    name: row.benchmark.clone(),
                    bars: vec![None; options.len()],
                });
                (u, per_unit[u].len() - 1)
            });
            let group = &mut per_unit[u][at];
            if let (Some(median), None) = (row.median_base, &group.bars[0]) {
                group.bars[0] = Some(Bar {
                    median,
                    interval: row.ci_base.map(|[lo, hi]| (lo, hi)),
                    samples: row.n_base,
                    mark: Mark::Base,
                    p_value: None,
                });
            }
            if others.is_empty() {
                continue;
            }
            if let Some(median) = row.median_new {
                let mark = match (row.median_base, row.significant, row.delta_percent) {
                    (None, _, _) => Mark::Untested,
                    (Some(_), true, Some(d)) if d > 0.0 => Mark::Higher(d),
                    (Some(_), true, Some(d)) if d < 0.0 => Mark::Lower(d),
                    _ => Mark::Same,
                };
                group.bars[i + 1] = Some(Bar {
                    median,
                    interval: row.ci_new.map(|[lo, hi]| (lo, hi)),
                    samples: row.n_new,
                    mark,
                    p_value: row.p_value,
                });
            }
        }
    }
    Ok(Some(
        units
            .iter()
            .zip(per_unit)
            .map(|(unit, groups)| BenchData {
                unit: unit.clone(),
                tidy_unit: benchunit::tidy(unit).0,
                units: units.clone(),
                options: options.clone(),
                colors: colors.clone(),
                groups,
                alpha,
            })
            .collect(),
    ))
}

/// The unit asked for (as written, or as benchstat names it), or the first.
pub fn pick_unit<'a>(all: &'a [BenchData], unit: Option<&str>) -> Result<&'a BenchData, AppError> {
    let names: Vec<&str> = all.iter().map(|d| d.unit.as_str()).collect();
    let mut all = all.iter();
    match unit {
        None => all
            .next()
            .ok_or_else(|| AppError::NotFound("no benchmark to draw".into())),
        Some(asked) => all
            .find(|d| d.unit == asked || d.tidy_unit == asked)
            .ok_or_else(|| {
                AppError::NotFound(format!(
                    "no benchmark is measured in '{asked}'; the units are {}",
                    names.join(", ")
                ))
            }),
    }
}

/// About how many bytes `all` takes in memory, for the cache that keeps it.
pub fn weight(all: &[BenchData]) -> usize {
    all.iter()
        .flat_map(|d| &d.groups)
        .map(|g| {
            std::mem::size_of::<Group>()
                + g.name.len()
                + g.bars.len() * std::mem::size_of::<Option<Bar>>()
        })
        .sum()
}

/// Rows for a side alone: its medians and intervals as a comparison would give them.
fn lone_rows(side: &Side<'_>) -> Vec<Row> {
    side.results
        .iter()
        .map(|r| {
            let s = if r.exact {
                summary::summarize_exact(&r.samples)
            } else {
                summary::summarize(&r.samples)
            };
            Row {
                benchmark: r.name.clone(),
                unit: r.unit.clone(),
                config: r.config.clone(),
                n_base: r.samples.len(),
                n_new: 0,
                median_base: Some(s.center),
                median_new: None,
                ci_base: s.interval().map(|(lo, hi)| [lo, hi]),
                ci_new: None,
                delta_percent: None,
                p_value: None,
                significant: false,
                warnings: Vec::new(),
            }
        })
        .collect()
}

/// The most groups drawn when `?top` is not given: as many as keep bars at least 6 pixels
/// wide, and never more than 40.
fn default_top(plot_width: f64, options: usize) -> usize {
    let per_group = (options as f64 * 6.0 + 8.0).max(1.0);
    ((plot_width / per_group) as usize).clamp(1, 40)
}

/// Draws the chart of ADR `number`.
pub fn draw(number: i64, data: &BenchData, params: &Params) -> Result<Chart, AppError> {
    let (w, h) = params.size(960, 540);
    let theme = params.theme;
    let svg = Rc::new(RefCell::new(
        Svg::new(w, h, theme).outlined(params.outline_text),
    ));
    let (wf, hf) = (f64::from(w), f64::from(h));
    let class = benchunit::class_of(&data.tidy_unit);
    let factor = benchunit::tidy(&data.unit).1;

    // Which groups: all of them, or the N with the largest significant change, in their order.
    let y_room_guess = 60.0;
    let fit = default_top(wf - 2.0 * PAD - y_room_guess, data.options.len());
    let top = params.top.unwrap_or(fit).max(1);
    let mut chosen: Vec<usize> = (0..data.groups.len()).collect();
    if chosen.len() > top {
        chosen.sort_by(|&a, &b| {
            let (ra, rb) = (data.groups[a].rank(), data.groups[b].rank());
            rb.0.cmp(&ra.0).then(rb.1.total_cmp(&ra.1)).then(a.cmp(&b))
        });
        chosen.truncate(top);
        chosen.sort_unstable();
    }
    let groups: Vec<&Group> = chosen.iter().map(|&i| &data.groups[i]).collect();
    let left_out = data.groups.len() - groups.len();

    let values = || {
        groups
            .iter()
            .flat_map(|g| g.bars.iter().flatten())
            .flat_map(|b| {
                std::iter::once(b.median)
                    .chain(b.interval.into_iter().flat_map(|(lo, hi)| [lo, hi]))
            })
    };
    let scale = params.scale.unwrap_or_else(|| Scale::auto(values()));
    let mut notes: Vec<String> = Vec::new();
    if left_out > 0 {
        notes.push(format!(
            "Showing {} of {} benchmarks: those with the largest significant change (?top=N shows more).",
            groups.len(),
            data.groups.len()
        ));
    }
    let undrawable = groups
        .iter()
        .flat_map(|g| g.bars.iter().flatten())
        .filter(|b| scale.place(b.median).is_none())
        .count();
    if undrawable > 0 {
        let why = match scale {
            Scale::Log => "NaN, infinite, or zero or below on the log scale",
            Scale::Linear => "NaN or infinite",
        };
        notes.push(format!("{undrawable} median(s) not drawn: {why}."));
    }
    if data.options.len() == 1 {
        notes.push(format!(
            "Only {} has benchmark evidence: nothing to compare against yet.",
            data.options[0]
        ));
    }
    if data.units.len() > 1 {
        notes.push(format!(
            "Units: {} (?unit= picks one).",
            data.units.join(", ")
        ));
    }

    let title = format!(
        "{} benchmarks: {} (median, 95% CI){}",
        adr_key::display(number),
        data.tidy_unit,
        if data.options.len() > 1 {
            format!(" vs {}", data.options[0])
        } else {
            String::new()
        }
    );
    let mut legend: Vec<LegendItem> = data
        .options
        .iter()
        .zip(&data.colors)
        .map(|(name, &c)| LegendItem {
            swatch: Swatch::Solid(theme.series(c)),
            text: name.clone(),
        })
        .collect();
    if data.options.len() > 1 {
        legend.push(LegendItem {
            swatch: Swatch::Glyph(Glyph::Up),
            text: "significantly higher".into(),
        });
        legend.push(LegendItem {
            swatch: Swatch::Glyph(Glyph::Down),
            text: "significantly lower".into(),
        });
        legend.push(LegendItem {
            swatch: Swatch::Hatched(theme.muted),
            text: format!("~ no significant change (p ≥ {})", data.alpha),
        });
    }
    let header = layout::header(&mut svg.borrow_mut(), &title, &legend);
    let footer = layout::footer(&mut svg.borrow_mut(), &notes);

    // The value axis and its labels, with room above the highest whisker for its mark:
    // the plot is at least 65% of what the header and notes leave (labels take the rest).
    let least_plot = ((hf - header - footer) * 0.65).max(1.0);
    let mark_room = (font::line_height(TEXT_SIZE) + 2.0 * GAP) / least_plot;
    let headroom = if mark_room < 0.9 {
        (mark_room / (1.0 - mark_room)).max(0.12)
    } else {
        0.12
    };
    let y_range = scale.range(values(), headroom);
    let ticks = UnitTicks::new(&y_range, hf - header - footer, scale, &data.unit);
    let format = |at: f64| ticks.label(at);
    let y_room = ticks.room;
    let plot_w = wf - 2.0 * PAD - y_room;
    let slot = plot_w / groups.len().max(1) as f64;
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    let plan = layout::plan_slot_labels(&names, slot, (hf - header - footer) * 0.35);
    let axes = axes::draw(
        &svg,
        &Frame {
            area: (PAD, header, wf - PAD, hf - footer - plan.height),
            y_label_width: y_room,
            x_label_height: 0.0,
        },
        0.0..groups.len().max(1) as f64,
        y_range.clone(),
        None,
        Some(Ticks {
            count: ticks.count,
            format: &format,
        }),
    )?;

    // The bars.
    let per_bar = 0.8 / data.options.len() as f64;
    let bar_px = axes.px(per_bar) - axes.px(0.0);
    let mark_size = (bar_px * 0.9).min(9.0);
    // Bars rise from zero, or from the bottom of a log axis.
    let zero = match scale {
        Scale::Linear => axes.py(0.0),
        Scale::Log => axes.bottom,
    };
    let mut counts = (0usize, 0usize, 0usize);
    {
        let mut s = svg.borrow_mut();
        for (gi, group) in groups.iter().enumerate() {
            for (bi, bar) in group.bars.iter().enumerate() {
                let Some(bar) = bar else { continue };
                let Some(at) = scale.place(bar.median) else {
                    continue;
                };
                match bar.mark {
                    Mark::Higher(_) => counts.0 += 1,
                    Mark::Lower(_) => counts.1 += 1,
                    Mark::Same => counts.2 += 1,
                    _ => {}
                }
                let x0 = axes.px(gi as f64 + 0.1 + per_bar * bi as f64);
                let x1 = x0 + bar_px;
                let color = theme.series(data.colors[bi]);
                let figure = |v: f64| benchunit::scale(v * factor, class);
                let mut tip = format!(
                    "{} — {}: {} {}",
                    group.name,
                    data.options[bi],
                    figure(bar.median),
                    data.tidy_unit
                );
                if let Some((lo, hi)) = bar.interval {
                    tip.push_str(&format!(" [{}, {}]", figure(lo), figure(hi)));
                }
                tip.push_str(&format!(", n={}", bar.samples));
                match bar.mark {
                    Mark::Higher(d) | Mark::Lower(d) => {
                        tip.push_str(&format!(", {d:+.2}% vs {}", data.options[0]));
                    }
                    Mark::Same => tip.push_str(&format!(", ~ vs {}", data.options[0])),
                    _ => {}
                }
                if let Some(p) = bar.p_value {
                    tip.push_str(&format!(" (p={p:.3})"));
                }
                let mut attrs = vec![
                    ("benchmark", group.name.clone()),
                    ("option", data.options[bi].clone()),
                    ("median", bar.median.to_string()),
                    ("mark", bar.mark.symbol().to_owned()),
                ];
                if let Some((lo, hi)) = bar.interval {
                    attrs.push(("lo", lo.to_string()));
                    attrs.push(("hi", hi.to_string()));
                }
                s.open("bar", &attrs, Some(&tip));
                let top_px = axes.py(at);
                if bar.mark.solid() {
                    s.rect((x0, zero), (x1, top_px), color, "value");
                } else {
                    s.hatched((x0, zero), (x1, top_px), color, "value");
                }
                let mut highest = top_px.min(zero);
                if let Some((lo, hi)) = bar.interval
                    && let (Some(lo_at), Some(hi_at)) = (scale.place(lo), scale.place(hi))
                {
                    let cx = (x0 + x1) / 2.0;
                    let cap = (bar_px * 0.25).min(4.0);
                    let (ylo, yhi) = (axes.py(lo_at), axes.py(hi_at));
                    s.line((cx, ylo), (cx, yhi), theme.text, 1.0, "whisker");
                    s.line((cx - cap, yhi), (cx + cap, yhi), theme.text, 1.0, "cap");
                    s.line((cx - cap, ylo), (cx + cap, ylo), theme.text, 1.0, "cap");
                    highest = highest.min(yhi);
                }
                if let Some(glyph) = bar.mark.glyph()
                    && mark_size >= 4.0
                {
                    s.glyph(glyph, (x0 + x1) / 2.0, highest - GAP, mark_size, theme.text);
                }
                s.close();
            }
        }
        let centers: Vec<f64> = (0..groups.len()).map(|i| axes.px(i as f64 + 0.5)).collect();
        layout::draw_slot_labels(&mut s, &plan, &names, &centers, axes.bottom, "category");
    }

    let desc = format!(
        "Grouped bar chart of {} benchmark(s) in {} for {}: bar height is the median, whiskers the 95% confidence interval, on a {} scale.{}{}",
        groups.len(),
        data.tidy_unit,
        data.options.join(", "),
        scale.as_str(),
        if data.options.len() > 1 {
            format!(
                " Against {}: {} significantly higher, {} significantly lower, {} without significant change.",
                data.options[0], counts.0, counts.1, counts.2
            )
        } else {
            String::new()
        },
        if left_out > 0 {
            format!(" {left_out} benchmark(s) left out.")
        } else {
            String::new()
        }
    );
    Ok(Chart {
        svg: super::finish(
            svg,
            "benchmarks",
            &title,
            &desc,
            &[
                ("scale", scale.as_str().to_owned()),
                ("unit", data.unit.clone()),
                ("groups", groups.len().to_string()),
                ("left-out", left_out.to_string()),
                ("zero", num(zero)),
            ],
        )?,
    })
}
