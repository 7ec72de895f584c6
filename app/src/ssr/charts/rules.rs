//! `metrics.svg`: one panel per metric rule, each option's value as a bar against the
//! rule's threshold line; a failing value is vermillion and hatched, a passing one bluish
//! green and solid, and the verdict is written beside it.

use super::axes::Scale;
use super::canvas::Svg;
use super::hbars::{self, Panel, Row, Segment};
use super::layout::{self, GAP, LegendItem, PAD, Swatch, TEXT_SIZE};
use super::params::Params;
use super::{Chart, font};
use crate::model::adr_key;
use crate::ssr::attachments::MetricsReport;
use crate::ssr::error::AppError;
use crate::ssr::metrics::{self, Verdict};
use std::cell::RefCell;
use std::rc::Rc;

pub fn draw(number: i64, report: &MetricsReport, params: &Params) -> Result<Chart, AppError> {
    // Rules some option could be judged by.
    let shown: Vec<usize> = (0..report.rules.len())
        .filter(|&i| {
            report
                .options
                .iter()
                .any(|o| o.verdicts[i].value().is_some())
        })
        .collect();
    let panel_h = 40.0 + 24.0 * report.options.len().max(1) as f64;
    let height = 110.0 + panel_h * shown.len().max(1) as f64;
    let (w, h) = params.size(900, (height as u32).clamp(200, 4000));
    let theme = params.theme;
    let svg = Rc::new(RefCell::new(
        Svg::new(w, h, theme).outlined(params.outline_text),
    ));
    let title = format!(
        "{} metrics against the alert thresholds",
        adr_key::display(number)
    );
    let header = {
        let mut s = svg.borrow_mut();
        layout::header(
            &mut s,
            &title,
            &[
                LegendItem {
                    swatch: Swatch::Solid(theme.pass),
                    text: "pass".into(),
                },
                LegendItem {
                    swatch: Swatch::Hatched(theme.fail),
                    text: "fail (alert condition holds)".into(),
                },
                LegendItem {
                    swatch: Swatch::Line(theme.text),
                    text: "threshold".into(),
                },
            ],
        )
    };
    let mut notes = Vec::new();
    let hidden = report.rules.len() - shown.len();
    if hidden > 0 {
        notes.push(format!(
            "{hidden} rule(s) could not be evaluated on any option's evidence and are not drawn."
        ));
    }
    let footer = layout::footer(&mut svg.borrow_mut(), &notes);
    let (wf, hf) = (f64::from(w), f64::from(h));
    let room = (hf - footer - header).max(1.0);
    let each = room / shown.len().max(1) as f64;
    let mut undrawable = 0;
    for (k, &i) in shown.iter().enumerate() {
        let rule = &report.rules[i].rule;
        let metric = rule.metric.clone();
        let format = move |v: f64| metrics::figure(&metric, v);
        let mut rows = Vec::new();
        for option in &report.options {
            let verdict = &option.verdicts[i];
            let (value, pass) = match verdict {
                Verdict::Pass { value } => (*value, true),
                Verdict::Fail { value } => (*value, false),
                Verdict::NotEvaluable { reason } => {
                    rows.push(Row {
                        label: option.option.clone(),
                        segments: Vec::new(),
                        interval: None,
                        note: "not evaluable".into(),
                        tooltip: format!("{}: not evaluable: {reason}", option.option),
                        data: vec![
                            ("option", option.option.clone()),
                            ("verdict", "not_evaluable".into()),
                        ],
                    });
                    continue;
                }
            };
            let fill = if pass { theme.pass } else { theme.fail }.to_owned();
            let verdict_text = format!("{} {}", if pass { "pass" } else { "fail" }, format(value));
            rows.push(Row {
                label: option.option.clone(),
                segments: vec![Segment {
                    from: 0.0,
                    to: value,
                    fill,
                    hatched: !pass,
                    title: None,
                }],
                interval: None,
                note: verdict_text.clone(),
                tooltip: format!(
                    "{}: {verdict_text} (alert when {} {} {})",
                    option.option,
                    rule.metric,
                    rule.comparison.symbol(),
                    format(rule.threshold)
                ),
                data: vec![
                    ("option", option.option.clone()),
                    ("verdict", if pass { "pass" } else { "fail" }.into()),
                    ("value", value.to_string()),
                ],
            });
        }
        let values = rows
            .iter()
            .flat_map(|r| r.segments.iter().map(|s| s.to))
            .chain([rule.threshold]);
        let scale = Scale::auto(values);
        let top = header + each * k as f64;
        let panel = Panel {
            title: Some(format!(
                "{}: alert when {} {} {} — {}",
                rule.id,
                rule.metric,
                rule.comparison.symbol(),
                format(rule.threshold),
                rule.description
            )),
            rows,
            scale,
            format: &format,
            reference: Some((rule.threshold, theme.text)),
            include: vec![0.0, rule.threshold],
        };
        undrawable += hbars::draw(&svg, (PAD, top, wf - PAD, top + each - GAP * 2.0), &panel)?;
    }
    if shown.is_empty() {
        let mut s = svg.borrow_mut();
        let text = font::shorten(
            "No rule could be evaluated: attach Prometheus or OpenMetrics text with the rules' metrics.",
            wf - 2.0 * PAD,
            TEXT_SIZE,
        );
        s.label(
            &super::canvas::Label::new(PAD, header + 20.0, &text, TEXT_SIZE, theme.muted)
                .class("note"),
        );
    }
    let desc = format!(
        "{} panel(s), one per metric rule, each with one bar per option and the rule's threshold as a line{}: {}",
        shown.len(),
        if undrawable > 0 {
            format!("; {undrawable} value(s) could not be drawn on a log scale")
        } else {
            String::new()
        },
        shown
            .iter()
            .map(|&i| {
                let rule = &report.rules[i].rule;
                let verdicts: Vec<String> = report
                    .options
                    .iter()
                    .map(|o| match &o.verdicts[i] {
                        Verdict::Pass { value } => format!(
                            "{} pass {}",
                            o.option,
                            metrics::figure(&rule.metric, *value)
                        ),
                        Verdict::Fail { value } => format!(
                            "{} fail {}",
                            o.option,
                            metrics::figure(&rule.metric, *value)
                        ),
                        Verdict::NotEvaluable { .. } => format!("{} not evaluable", o.option),
                    })
                    .collect();
                format!("{}: {}", rule.id, verdicts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    Ok(Chart {
        svg: super::finish(
            svg,
            "metrics",
            &title,
            &desc,
            &[("rules", shown.len().to_string())],
        )?,
    })
}
