//! `/guide/charts/languages.svg`: the guide's "Language Performance (relative to C)" chart,
//! drawn from the guide's own rows: how many times slower than C each language runs, as a
//! bar to the middle of the guide's range with the range as whiskers.

use super::Chart;
use super::axes::Scale;
use super::canvas::Svg;
use super::hbars::{self, Panel, Row, Segment};
use super::layout::{self, PAD};
use super::params::Params;
use crate::model::matrix::Matrix;
use crate::ssr::error::AppError;
use std::cell::RefCell;
use std::rc::Rc;

/// The guide matrix the chart is drawn from.
pub const MATRIX: &str = "performance-relative-to-c";

/// The range a cell of the guide gives: `1.0x` is 1 to 1, `1.0-1.1x` and `2-3x slower`
/// are ranges.
pub fn factor_range(cell: &str) -> Option<(f64, f64)> {
    let text = cell.trim();
    let text = text.strip_suffix("slower").unwrap_or(text).trim();
    let text = text
        .strip_suffix('x')
        .or_else(|| text.strip_suffix('×'))?
        .trim();
    let (lo, hi) = match text.split_once('-') {
        Some((lo, hi)) => (lo.trim().parse().ok()?, hi.trim().parse().ok()?),
        None => {
            let v: f64 = text.parse().ok()?;
            (v, v)
        }
    };
    (lo > 0.0 && hi >= lo && hi.is_finite()).then_some((lo, hi))
}

pub fn draw(matrix: &Matrix, guide_title: &str, params: &Params) -> Result<Chart, AppError> {
    let height = 120 + 30 * matrix.rows.len().max(1) as u32;
    let (w, h) = params.size(800, height.clamp(200, 4000));
    let theme = params.theme;
    let svg = Rc::new(RefCell::new(
        Svg::new(w, h, theme).outlined(params.outline_text),
    ));
    let title = format!("{} — times slower than C (shorter is faster)", matrix.name);
    let header = layout::header(&mut svg.borrow_mut(), &title, &[]);
    let mut notes = vec![format!(
        "Source: \"{guide_title}\", section {}. Bars reach the middle of the guide's range; whiskers span it.",
        matrix.section
    )];
    let mut rows = Vec::new();
    for row in &matrix.rows {
        let (Some(name), Some(cell)) = (row.cells.first(), row.cells.get(1)) else {
            continue;
        };
        match factor_range(cell) {
            Some((lo, hi)) => {
                let mid = (lo * hi).sqrt();
                rows.push(Row {
                    label: name.clone(),
                    segments: vec![Segment {
                        from: 1.0,
                        to: mid.max(1.0),
                        fill: theme.series(rows.len()).to_owned(),
                        hatched: false,
                        title: None,
                    }],
                    interval: (hi > lo).then_some((lo, hi)),
                    note: cell.clone(),
                    tooltip: format!("{name}: {cell} (the guide)"),
                    data: vec![
                        ("language", name.clone()),
                        ("lo", lo.to_string()),
                        ("hi", hi.to_string()),
                    ],
                });
            }
            None => notes.push(format!(
                "{name}: \"{cell}\" is not a factor this chart can read."
            )),
        }
    }
    let footer = layout::footer(&mut svg.borrow_mut(), &notes);
    let format = |v: f64| format!("{v}×");
    let (wf, hf) = (f64::from(w), f64::from(h));
    hbars::draw(
        &svg,
        (PAD, header, wf - PAD, hf - footer),
        &Panel {
            title: None,
            rows,
            scale: Scale::Log,
            format: &format,
            reference: Some((1.0, theme.text)),
            include: vec![1.0],
        },
    )?;
    let desc = format!(
        "Horizontal bars, log scale, from the guide's table: {}.",
        matrix
            .rows
            .iter()
            .map(|r| r.cells.join(" "))
            .collect::<Vec<_>>()
            .join("; ")
    );
    Ok(Chart {
        svg: super::finish(svg, "languages", &title, &desc, &[("scale", "log".into())])?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guides_cells_read_as_ranges() {
        assert_eq!(factor_range("1.0x"), Some((1.0, 1.0)));
        assert_eq!(factor_range("1.0-1.1x"), Some((1.0, 1.1)));
        assert_eq!(factor_range("2-3x slower"), Some((2.0, 3.0)));
        assert_eq!(factor_range("50-100x slower"), Some((50.0, 100.0)));
        assert_eq!(factor_range("fast"), None);
        assert_eq!(factor_range("3-2x"), None);
        assert_eq!(factor_range("0x"), None);
    }
}
