//! Charts as images at stable URLs: plotters lays out axes and grid into an SVG of our own
//! (with tooltips, hatching and `<title>`/`<desc>`), and the PNG is that SVG rasterised by
//! resvg with the same embedded font. Each chart is drawn from the data the pages show;
//! an ADR with nothing to draw yet gets a placeholder image that says so.

pub mod axes;
pub mod benchmarks;
pub mod cache;
pub mod canvas;
pub mod font;
pub mod hbars;
pub mod history;
pub mod languages;
pub mod layout;
pub mod params;
pub mod raster;
pub mod relative;
pub mod rules;
pub mod scores;
pub mod theme;

use crate::model::adr::AdrDocument;
use crate::model::adr_key;
use crate::ssr::attachments::metrics_loaded;
use crate::ssr::error::AppError;
use crate::ssr::state::AppState;
use crate::ssr::{assessments, decisions, evidence_repo, guide};
use canvas::{Label, Svg};
use layout::{PAD, TEXT_SIZE};
use params::Params;
use sqlx::SqlitePool;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// A drawn chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub svg: String,
}

/// The charts of an ADR, by the name their URL gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Benchmarks,
    Relative,
    History,
    Metrics,
    Scores,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Benchmarks,
        Kind::Relative,
        Kind::History,
        Kind::Metrics,
        Kind::Scores,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Benchmarks => "benchmarks",
            Kind::Relative => "relative",
            Kind::History => "history",
            Kind::Metrics => "metrics",
            Kind::Scores => "scores",
        }
    }
}

/// SVG, PNG for tools that do not show SVG, or the markdown that shows the PNG (what the
/// page's "copy markdown" button copies, for readers without JavaScript).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Svg,
    Png,
    Markdown,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Svg => "image/svg+xml",
            Format::Png => "image/png",
            Format::Markdown => "text/plain; charset=utf-8",
        }
    }
}

/// The markdown image of a chart: `![ADR-0007 benchmarks](https://…/benchmarks.png?base=Go)`.
pub fn markdown(alt: &str, absolute_png_url: &str) -> String {
    let alt: String = alt
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | '\\') {
                ' '
            } else {
                c
            }
        })
        .collect();
    format!("![{alt}]({absolute_png_url})")
}

/// Reads a chart file name: `benchmarks.svg`, `scores.png`, `metrics.md`.
pub fn parse_file(file: &str) -> Option<(Kind, Format)> {
    let (name, ext) = file.rsplit_once('.')?;
    let format = match ext {
        "svg" => Format::Svg,
        "png" => Format::Png,
        "md" => Format::Markdown,
        _ => return None,
    };
    Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == name)
        .map(|k| (k, format))
}

/// Closes the document the chart was drawn into.
fn finish(
    svg: Rc<RefCell<Svg>>,
    kind: &str,
    title: &str,
    desc: &str,
    data: &[(&str, String)],
) -> Result<String, AppError> {
    let svg = Rc::try_unwrap(svg)
        .map_err(|_| AppError::Internal("the chart is still being drawn".into()))?
        .into_inner();
    Ok(svg.finish(kind, title, desc, data))
}

/// An image that says why there is no chart yet, in the size and theme asked for.
pub fn placeholder(kind: &str, title: &str, message: &str, params: &Params) -> Chart {
    let (w, h) = params.size(960, 300);
    let mut svg = Svg::new(w, h, params.theme).outlined(params.outline_text);
    let header = layout::header(&mut svg, title, &[]);
    let text = font::shorten(message, f64::from(w) - 2.0 * PAD, TEXT_SIZE + 2.0);
    let y = (f64::from(h) + header) / 2.0;
    let theme = params.theme;
    svg.rect(
        (PAD, header),
        (f64::from(w) - PAD, f64::from(h) - PAD),
        theme.grid,
        "placeholder-box",
    );
    svg.label(
        &Label::new(f64::from(w) / 2.0, y, &text, TEXT_SIZE + 2.0, theme.text)
            .anchor(canvas::Anchor::Middle)
            .title((text != message).then_some(message))
            .class("placeholder"),
    );
    Chart {
        svg: svg.finish(kind, title, message, &[("placeholder", "true".into())]),
    }
}

/// What every chart of ADR `number` is drawn from, as a short text that changes whenever a
/// chart could: the ADR's version (options, chosen option), its live evidence, its name
/// mapping and rules, and its assessment. An unknown ADR is 404.
pub async fn fingerprint(pool: &SqlitePool, number: i64) -> Result<String, AppError> {
    let version: Option<i64> = sqlx::query_scalar("SELECT version FROM adrs WHERE number = ?")
        .bind(number)
        .fetch_optional(pool)
        .await?;
    let Some(version) = version else {
        return Err(AppError::NotFound(format!(
            "{} does not exist",
            adr_key::display(number)
        )));
    };
    let evidence: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM evidence WHERE adr_number = ? AND deleted_at IS NULL ORDER BY id",
    )
    .bind(number)
    .fetch_all(pool)
    .await?;
    let settings: Option<(String, String)> =
        sqlx::query_as("SELECT name_map, rules FROM adr_evidence_settings WHERE adr_number = ?")
            .bind(number)
            .fetch_optional(pool)
            .await?;
    let assessment: Option<i64> =
        sqlx::query_scalar("SELECT version FROM adr_assessments WHERE adr_number = ?")
            .bind(number)
            .fetch_optional(pool)
            .await?;
    let mut hasher = rustc_hash::FxHasher::default();
    settings.hash(&mut hasher);
    Ok(format!(
        "v{version}-a{}-e{}-s{:016x}",
        assessment.unwrap_or(0),
        evidence
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join("."),
        hasher.finish()
    ))
}

/// The entity tag of a chart: its inputs and the code that draws it, hashed.
pub fn etag(parts: &[&str]) -> String {
    let mut hasher = rustc_hash::FxHasher::default();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    // A build of other drawing code must not answer 304 with an old picture.
    option_env!("TRADEOFF_BUILD")
        .unwrap_or("")
        .hash(&mut hasher);
    for part in parts {
        part.hash(&mut hasher);
    }
    format!("\"c{:016x}\"", hasher.finish())
}

/// Draws chart `kind` of ADR `number`.
pub async fn adr_chart(
    state: &AppState,
    number: i64,
    kind: Kind,
    params: &Params,
    fingerprint: &str,
) -> Result<Chart, AppError> {
    let pool = &state.pool;
    let doc = decisions::get(pool, number).await?.adr.document;
    let name = adr_key::display(number);
    let title = format!("{name} {}", kind.as_str());
    let nothing = |message: String| Ok(placeholder(kind.as_str(), &title, &message, params));
    match kind {
        Kind::History => {
            let pieces = evidence_repo::parsed_for(pool, number).await?;
            match history::data(&doc, &pieces, params)? {
                None => nothing(format!("No benchmark evidence yet for {name}.")),
                Some(data) => history::draw(number, &data, params),
            }
        }
        Kind::Benchmarks | Kind::Relative => {
            let compared = compared(state, number, &doc, params, fingerprint).await?;
            let Some(all) = compared.as_deref() else {
                return nothing(match &params.base {
                    Some(base) => format!("{base} has no benchmark evidence yet."),
                    None => format!("No benchmark evidence yet for {name}."),
                });
            };
            if kind == Kind::Benchmarks {
                let data = benchmarks::pick_unit(all, params.unit.as_deref())?;
                return benchmarks::draw(number, data, params);
            }
            let base = all
                .first()
                .map(|d| d.options[0].clone())
                .unwrap_or_default();
            if all.first().is_none_or(|d| d.options.len() < 2) {
                return nothing(format!(
                    "Only {base} has benchmark evidence: attach another option's to compare."
                ));
            }
            relative::draw(number, &base, &relative::ratios(all), params)
        }
        Kind::Metrics => {
            let pieces = evidence_repo::parsed_for(pool, number).await?;
            let settings = evidence_repo::settings(pool, number).await?;
            let report = metrics_loaded(&doc, &pieces, &settings);
            if report.options.is_empty() {
                return nothing(format!("No metrics evidence yet for {name}."));
            }
            rules::draw(number, &report, params)
        }
        Kind::Scores => {
            let (assessment, _) = assessments::load(pool, number).await?;
            if doc.options.is_empty() || assessment.scores.is_empty() {
                return nothing(format!(
                    "No scores yet for {name}: score the options on its assess page."
                ));
            }
            scores::draw(number, &doc, &assessment, params)
        }
    }
}

/// The guide's language performance chart.
pub fn guide_languages(params: &Params) -> Result<Chart, AppError> {
    let matrix = guide::matrix(languages::MATRIX).ok_or_else(|| {
        AppError::Internal(format!("the guide has no matrix {}", languages::MATRIX))
    })?;
    languages::draw(matrix, &guide::guide().title, params)
}

#[cfg(test)]
mod tests;

/// The benchmark comparison that the benchmarks and relative charts of ADR `number` draw,
/// from the cache when the same evidence was compared against the same base before: the
/// ADR page asks for both charts at once, and a reader for other sizes and units.
async fn compared(
    state: &AppState,
    number: i64,
    doc: &AdrDocument,
    params: &Params,
    fingerprint: &str,
) -> Result<std::sync::Arc<Option<Vec<benchmarks::BenchData>>>, AppError> {
    let key = format!(
        "{number}-{fingerprint}-{}",
        params.base.as_deref().unwrap_or_default()
    );
    if let Some(hit) = state.chart_data.get(&key) {
        return Ok(hit);
    }
    let pieces = evidence_repo::parsed_for(&state.pool, number).await?;
    let settings = evidence_repo::settings(&state.pool, number).await?;
    let all = benchmarks::by_unit(doc, &pieces, &settings, params.base.as_deref())?;
    let bytes = all.as_deref().map_or(0, benchmarks::weight);
    let all = std::sync::Arc::new(all);
    state.chart_data.put(key, all.clone(), bytes);
    Ok(all)
}
