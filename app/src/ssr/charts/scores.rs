//! `scores.svg`: each option's weighted scoring total as a bar stacked by criterion
//! (weight × score), best first, with the winner starred.

use super::Chart;
use super::axes::Scale;
use super::canvas::Svg;
use super::hbars::{self, Panel, Row, Segment};
use super::layout::{self, LegendItem, PAD, Swatch};
use super::params::Params;
use crate::model::adr::AdrDocument;
use crate::model::adr_key;
use crate::model::assessment::Assessment;
use crate::model::scoring;
use crate::ssr::error::AppError;
use std::cell::RefCell;
use std::rc::Rc;

pub fn draw(
    number: i64,
    doc: &AdrDocument,
    assessment: &Assessment,
    params: &Params,
) -> Result<Chart, AppError> {
    let ids: Vec<String> = doc.options.iter().map(|o| o.id.clone()).collect();
    let name_of = |id: &str| {
        doc.options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| o.name.clone())
    };
    let ranking = scoring::rank(&assessment.criteria, &ids, &assessment.scores);
    let criteria: Vec<_> = assessment
        .criteria
        .iter()
        .filter(|c| c.weight > 0)
        .collect();
    let height = 130 + 30 * ranking.totals.len().max(1) as u32;
    let (w, h) = params.size(900, height.clamp(200, 4000));
    let theme = params.theme;
    let svg = Rc::new(RefCell::new(
        Svg::new(w, h, theme).outlined(params.outline_text),
    ));
    let title = format!("{} weighted scores by criterion", adr_key::display(number));
    let legend: Vec<LegendItem> = criteria
        .iter()
        .enumerate()
        .map(|(i, c)| LegendItem {
            swatch: Swatch::Solid(theme.series(i)),
            text: format!("{} (×{})", c.name, c.weight),
        })
        .collect();
    let header = layout::header(&mut svg.borrow_mut(), &title, &legend);
    let mut notes = Vec::new();
    match ranking.winners.as_slice() {
        [] => notes.push("No option is scored yet.".to_owned()),
        [one] => notes.push(format!("★ {} wins.", name_of(one))),
        many => notes.push(format!(
            "★ Tie: {}.",
            many.iter()
                .map(|w| name_of(w))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    let footer = layout::footer(&mut svg.borrow_mut(), &notes);
    let mut rows = Vec::new();
    for total in &ranking.totals {
        let mut at = 0.0;
        let mut segments = Vec::new();
        for (i, c) in criteria.iter().enumerate() {
            let Some(score) = assessment
                .scores
                .iter()
                .find(|s| s.option == total.option && s.criterion == c.id)
            else {
                continue;
            };
            let part = f64::from(c.weight) * f64::from(score.score);
            segments.push(Segment {
                from: at,
                to: at + part,
                fill: theme.series(i).to_owned(),
                hatched: false,
                title: Some(format!(
                    "{}: score {} × weight {} = {part}",
                    c.name, score.score, c.weight
                )),
            });
            at += part;
        }
        let name = name_of(&total.option);
        let winner = ranking.winners.contains(&total.option);
        rows.push(Row {
            label: if winner {
                format!("★ {name}")
            } else {
                name.clone()
            },
            segments,
            interval: None,
            note: format!("{} (rank {})", total.total, total.rank),
            tooltip: format!(
                "{name}: total {}, rank {}, {} of {} criteria scored",
                total.total,
                total.rank,
                total.scored,
                assessment.criteria.len()
            ),
            data: vec![
                ("option", name),
                ("total", total.total.to_string()),
                ("winner", winner.to_string()),
            ],
        });
    }
    let format = |v: f64| format!("{v:.0}");
    let (wf, hf) = (f64::from(w), f64::from(h));
    hbars::draw(
        &svg,
        (PAD, header, wf - PAD, hf - footer),
        &Panel {
            title: None,
            rows,
            scale: Scale::Linear,
            format: &format,
            reference: None,
            include: vec![0.0],
        },
    )?;
    let desc = format!(
        "Stacked horizontal bars of weighted totals per option, by criterion: {}. {}",
        ranking
            .totals
            .iter()
            .map(|t| format!("{} {}", name_of(&t.option), t.total))
            .collect::<Vec<_>>()
            .join(", "),
        notes.join(" ")
    );
    Ok(Chart {
        svg: super::finish(svg, "scores", &title, &desc, &[])?,
    })
}
