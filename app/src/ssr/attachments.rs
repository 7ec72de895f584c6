//! What can be done with evidence, for both doors (the JSON API and the ADR page's forms):
//! attach it to an option (creating the option when it is new), compare two options'
//! benchmarks, and judge each option's metrics by the rules.

use crate::model::adr::{AdrDocument, AdrOption};
use crate::model::error::LineProblem;
use crate::ssr::actor::Actor;
use crate::ssr::adr_repo;
use crate::ssr::clock;
use crate::ssr::compare::{self, Report, Side};
use crate::ssr::db::begin_write;
use crate::ssr::decisions;
use crate::ssr::error::AppError;
use crate::ssr::evidence::exposition::MetricFamily;
use crate::ssr::evidence::{
    self, BenchResult, Format, ParseFailure, Parsed, ReadSummary, Results, Skipped, detect,
};
use crate::ssr::evidence_repo::{self, EvidenceInfo, EvidenceSettings, NewEvidence};
use crate::ssr::metrics::{self, Rule, Verdict};
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use std::borrow::Cow;

/// The largest piece of evidence accepted unless `TRADEOFF_EVIDENCE_LIMIT` says otherwise,
/// in bytes: room for what a large repository's CI produces.
pub const DEFAULT_EVIDENCE_LIMIT: usize = 64 * 1024 * 1024;

/// The refusal of evidence over `limit` bytes.
pub fn too_large(limit: usize) -> AppError {
    let mebibytes = limit as f64 / (1024.0 * 1024.0);
    AppError::PayloadTooLarge(format!(
        "evidence is limited to {limit} bytes ({mebibytes:.3} MiB)"
    ))
}

/// The option name that means the baseline.
pub const BASELINE: &str = "baseline";

/// A piece of evidence as attached: where it went and what was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attached {
    pub id: i64,
    /// The evidence's number within its ADR (`evidence #1`).
    pub number: i64,
    pub option: String,
    pub option_id: Option<String>,
    /// Whether the option was created for this evidence.
    pub created_option: bool,
    pub label: String,
    /// Whether the format was detected rather than declared.
    pub detected: bool,
    #[serde(flatten)]
    pub read: ReadSummary,
}

/// The side an option name stands for: `Some(None)` for the baseline, `Some(Some(id))`
/// for an option found by id or name (without case), `None` for a name not yet an option.
pub fn resolve_option(doc: &AdrDocument, name: &str) -> Option<Option<String>> {
    let name = name.trim();
    if name.eq_ignore_ascii_case(BASELINE) {
        return Some(None);
    }
    doc.options
        .iter()
        .find(|o| o.id == name || o.name.eq_ignore_ascii_case(name))
        .map(|o| Some(o.id.clone()))
}

/// The name of a side.
pub fn side_name(doc: &AdrDocument, option_id: Option<&str>) -> String {
    match option_id {
        None => BASELINE.to_owned(),
        Some(id) => doc
            .options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| o.name.clone()),
    }
}

fn line_problems(errors: Vec<evidence::LineError>) -> AppError {
    AppError::Parse(
        errors
            .into_iter()
            .map(|e| LineProblem {
                line: e.line,
                column: e.column,
                reason: e.reason,
            })
            .collect(),
    )
}

/// Reads `raw` as `format` (`auto` detects it).
pub fn read(format: &str, raw: &[u8]) -> Result<(Parsed, bool), AppError> {
    let text = std::str::from_utf8(raw).map_err(|e| {
        let before = &raw[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.len()
            - before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        AppError::Parse(vec![LineProblem {
            line,
            column,
            reason: "the text is not UTF-8".into(),
        }])
    })?;
    let (format, detected) = match format.trim() {
        "" | "auto" => (
            // Text in which detection finds no benchmark line and no sample holds no result.
            detect::detect(text).ok_or_else(|| {
                AppError::NoResults(format!(
                    "auto-detection found no benchmark result or metric sample in {} line(s); \
                     if the text is one of the formats, declare it with format=gobench, \
                     bencher, criterion-json, hyperfine-json, prometheus or openmetrics to \
                     see its bad lines",
                    evidence::line_count(text)
                ))
            })?,
            true,
        ),
        name => (
            Format::parse(name).ok_or_else(|| {
                AppError::invalid(
                    "format",
                    format!("unknown format '{name}'; expected auto, gobench, bencher, criterion-json, hyperfine-json, prometheus or openmetrics"),
                )
            })?,
            false,
        ),
    };
    match evidence::parse(format, text) {
        Ok(parsed) => Ok((parsed, detected)),
        Err(ParseFailure::Errors(errors)) => Err(line_problems(errors)),
        Err(ParseFailure::NoResults {
            lines_read,
            skipped,
        }) => Err(AppError::NoResults(format!(
            "{} read {lines_read} line(s) as {} and found no result{}",
            if detected {
                "auto-detection"
            } else {
                "the parser"
            },
            format.label(),
            if skipped.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} line(s) were skipped",
                    skipped.iter().map(Skipped::lines).sum::<usize>()
                )
            }
        ))),
    }
}

/// Parses and stores evidence for ADR `number` under option `option` (`baseline`, an
/// option's id or name, or a new option's name). `raw` is at most the configured evidence
/// limit: both doors (`read_attach` for the API and the page's form) stop reading there.
pub async fn attach(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    option: &str,
    label: &str,
    format: &str,
    raw: &[u8],
) -> Result<Attached, AppError> {
    let option = option.trim();
    if option.is_empty() {
        return Err(AppError::invalid(
            "option",
            "option is required: an option's name or id, or baseline",
        ));
    }
    let label = label.trim();
    if label.chars().count() > crate::model::validation::NAME_MAX {
        return Err(AppError::invalid(
            "label",
            "the label is longer than 200 characters",
        ));
    }
    let (parsed, detected) = read(format, raw)?;
    let now = clock::now();
    // A new option and its first evidence land together or not at all. The ADR is read on
    // the transaction's own connection once the write lock is held, so two attaches naming
    // the same new option both land on it instead of the second being refused as stale.
    let mut tx = begin_write(pool).await?;
    let (version, stored) = adr_repo::document_in(&mut tx, number).await?;
    let (doc, option_id, created_option) = match resolve_option(&stored, option) {
        Some(id) => (stored, id, false),
        None => {
            let mut doc = stored;
            doc.options.push(AdrOption {
                name: option.to_owned(),
                ..AdrOption::default()
            });
            let (doc, rendered) = decisions::prepare(doc)?;
            adr_repo::update_document_in(&mut tx, actor, number, version, &doc, &rendered, &now)
                .await?;
            let id = resolve_option(&doc, option).flatten();
            (doc, id, true)
        }
    };
    let new = NewEvidence {
        number,
        option_id: option_id.as_deref(),
        label,
        raw,
        parsed: &parsed,
    };
    let (id, within) = evidence_repo::insert(&mut tx, actor, &new, &now).await?;
    tx.commit().await?;
    Ok(Attached {
        id,
        number: within,
        option: side_name(&doc, option_id.as_deref()),
        option_id,
        created_option,
        label: label.to_owned(),
        detected,
        read: parsed.summary(),
    })
}

/// The benchmark results of one side, merged across its pieces of evidence: borrowed as they
/// were read, and copied only where a later piece adds samples to a series.
pub fn side_results<'a>(
    pieces: &'a [(EvidenceInfo, Parsed)],
    option_id: Option<&str>,
) -> Vec<Cow<'a, BenchResult>> {
    let mut mine = pieces
        .iter()
        .filter_map(|(info, parsed)| match &parsed.results {
            Results::Benchmarks(results) if info.option_id.as_deref() == option_id => Some(results),
            _ => None,
        });
    let Some(first) = mine.next() else {
        return Vec::new();
    };
    let mut out: Vec<Cow<'a, BenchResult>> = first.iter().map(Cow::Borrowed).collect();
    let mut rest = mine.peekable();
    if rest.peek().is_none() {
        // A piece holds each series once (every parser collects through `SeriesBuilder`):
        // alone, it has nothing to merge.
        return out;
    }
    // Name, unit and configuration: what makes two results one series.
    type Key<'a> = (&'a str, &'a str, &'a [(String, String)]);
    let mut index: rustc_hash::FxHashMap<Key<'a>, usize> = first
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.name.as_str(), r.unit.as_str(), &*r.config), i))
        .collect();
    for results in rest {
        for r in results {
            let key = (r.name.as_str(), r.unit.as_str(), &*r.config);
            match index.get(&key) {
                Some(&i) => out[i].to_mut().samples.extend_from_slice(&r.samples),
                None => {
                    index.insert(key, out.len());
                    out.push(Cow::Borrowed(r));
                }
            }
        }
    }
    out
}

/// The sides that have benchmark evidence, in the ADR's order with the baseline first.
pub fn benchmark_sides(
    doc: &AdrDocument,
    pieces: &[(EvidenceInfo, Parsed)],
) -> Vec<Option<String>> {
    let has = |id: Option<&str>| {
        pieces.iter().any(|(info, parsed)| {
            info.option_id.as_deref() == id
                && matches!(&parsed.results, Results::Benchmarks(b) if !b.is_empty())
        })
    };
    let mut sides = Vec::new();
    if has(None) {
        sides.push(None);
    }
    sides.extend(
        doc.options
            .iter()
            .filter(|o| has(Some(&o.id)))
            .map(|o| Some(o.id.clone())),
    );
    sides
}

/// Compares two sides of ADR `number`, with benchstat's text; missing sides default to the
/// baseline (or the first option with benchmarks) against the chosen option (or the next
/// one). The statistics run on a blocking thread: at the size of a large CI run they take a
/// while, and the server's other requests must not wait behind them.
pub async fn compare(
    pool: &SqlitePool,
    number: i64,
    base: Option<String>,
    new: Option<String>,
    alpha: Option<f64>,
) -> Result<Report, AppError> {
    let doc = decisions::get(pool, number).await?.adr.document;
    let pieces = evidence_repo::parsed_for(pool, number).await?;
    let settings = evidence_repo::settings(pool, number).await?;
    tokio::task::spawn_blocking(move || {
        let (base, new) = (base.as_deref(), new.as_deref());
        compare_loaded(
            &doc,
            &pieces,
            &settings,
            base,
            new,
            alpha,
            compare::Text::Write,
        )
    })
    .await
    .map_err(|e| AppError::Internal(format!("comparing: {e}")))?
}

/// [`compare`] on evidence already loaded, with the text table when `text` asks for it.
pub fn compare_loaded(
    doc: &AdrDocument,
    pieces: &[(EvidenceInfo, Parsed)],
    settings: &EvidenceSettings,
    base: Option<&str>,
    new: Option<&str>,
    alpha: Option<f64>,
    text: compare::Text,
) -> Result<Report, AppError> {
    let alpha = alpha.unwrap_or(compare::DEFAULT_ALPHA);
    if !(alpha > 0.0 && alpha < 1.0) {
        return Err(AppError::invalid(
            "alpha",
            format!("alpha {alpha} is not between 0 and 1"),
        ));
    }
    let available = benchmark_sides(doc, pieces);
    let pick = |field: &str, given: Option<&str>| -> Result<Option<Option<String>>, AppError> {
        match given.map(str::trim).filter(|g| !g.is_empty()) {
            None => Ok(None),
            Some(name) => resolve_option(doc, name).map(Some).ok_or_else(|| {
                AppError::invalid(
                    field,
                    format!("'{name}' is neither an option of this ADR nor baseline"),
                )
            }),
        }
    };
    let base = match pick("base", base)? {
        Some(side) => side,
        None => available
            .first()
            .cloned()
            .ok_or_else(|| AppError::invalid("base", "this ADR has no benchmark evidence yet"))?,
    };
    let new = match pick("new", new)? {
        Some(side) => side,
        None => {
            let chosen = doc.chosen_option.clone();
            let preferred = chosen.filter(|c| {
                base.as_deref() != Some(c.as_str()) && available.contains(&Some(c.clone()))
            });
            match preferred {
                Some(c) => Some(c),
                None => available
                    .iter()
                    .find(|s| **s != base)
                    .cloned()
                    .ok_or_else(|| {
                        AppError::invalid(
                            "new",
                            "a comparison needs benchmark evidence on two sides",
                        )
                    })?,
            }
        }
    };
    let side = |field: &str, id: &Option<String>| -> Result<Side, AppError> {
        let results = side_results(pieces, id.as_deref());
        let label = side_name(doc, id.as_deref());
        if results.is_empty() {
            return Err(AppError::invalid(
                field,
                format!("{label} has no benchmark evidence"),
            ));
        }
        Ok(Side { label, results })
    };
    Ok(compare::compare(
        &side("base", &base)?,
        &side("new", &new)?,
        alpha,
        &settings.name_map,
        text,
    ))
}

/// A rule with where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleView {
    #[serde(flatten)]
    pub rule: Rule,
    /// `guide` for the guide's Key Metrics, `adr` for the ADR's own.
    pub source: String,
}

/// One option's verdicts, in the order of the rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionVerdicts {
    pub option: String,
    pub option_id: Option<String>,
    pub verdicts: Vec<Verdict>,
}

/// A rule's value on two sides and the change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleDelta {
    pub rule: String,
    pub base: Option<f64>,
    pub new: Option<f64>,
    pub delta: Option<f64>,
    pub delta_percent: Option<f64>,
}

/// The rules, every option's verdicts, and the change between the first two snapshots.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricsReport {
    pub rules: Vec<RuleView>,
    pub options: Vec<OptionVerdicts>,
    pub deltas: Vec<RuleDelta>,
}

/// Judges each side's metrics evidence by the guide's rules and the ADR's own.
pub async fn metrics_report(pool: &SqlitePool, number: i64) -> Result<MetricsReport, AppError> {
    let doc = decisions::get(pool, number).await?.adr.document;
    let pieces = evidence_repo::parsed_for(pool, number).await?;
    let settings = evidence_repo::settings(pool, number).await?;
    Ok(metrics_loaded(&doc, &pieces, &settings))
}

/// [`metrics_report`] on evidence already loaded.
pub fn metrics_loaded(
    doc: &AdrDocument,
    pieces: &[(EvidenceInfo, Parsed)],
    settings: &EvidenceSettings,
) -> MetricsReport {
    let rules: Vec<RuleView> = metrics::guide_rules()
        .into_iter()
        .map(|rule| RuleView {
            rule,
            source: "guide".into(),
        })
        .chain(settings.rules.iter().cloned().map(|rule| RuleView {
            rule,
            source: "adr".into(),
        }))
        .collect();
    let mut sides: Vec<Option<String>> = vec![None];
    sides.extend(doc.options.iter().map(|o| Some(o.id.clone())));
    let mut options = Vec::new();
    for side in sides {
        let families: Vec<&MetricFamily> = pieces
            .iter()
            .filter(|(info, _)| info.option_id == side)
            .filter_map(|(_, p)| match &p.results {
                Results::Metrics(f) => Some(f),
                Results::Benchmarks(_) => None,
            })
            .flatten()
            .collect();
        if families.is_empty() {
            continue;
        }
        options.push(OptionVerdicts {
            option: side_name(doc, side.as_deref()),
            option_id: side,
            verdicts: rules
                .iter()
                .map(|r| metrics::evaluate(&r.rule, &families))
                .collect(),
        });
    }
    let deltas = match (options.first(), options.get(1)) {
        (Some(base), Some(new)) => rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let (b, n) = (base.verdicts[i].value(), new.verdicts[i].value());
                RuleDelta {
                    rule: r.rule.id.clone(),
                    base: b,
                    new: n,
                    delta: b.zip(n).map(|(b, n)| n - b),
                    delta_percent: b
                        .zip(n)
                        .and_then(|(b, n)| crate::ssr::stats::summary::delta_percent(b, n)),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    MetricsReport {
        rules,
        options,
        deltas,
    }
}

/// The numbers a text cites as `evidence #12`, in order, once each. A number names the
/// ADR's evidence of that number first, then (as justifications written before evidence
/// had numbers of its own did) the evidence with that global id: see [`find_cited`].
pub fn cited_evidence(text: &str) -> Vec<i64> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("evidence #") {
        rest = &rest[at + "evidence #".len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(id) = digits.parse::<i64>()
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}

/// The piece that `evidence #cited` names among an ADR's `pieces`: the one with that number
/// within the ADR, or else the one with that global id.
pub fn find_cited(pieces: &[(EvidenceInfo, Parsed)], cited: i64) -> Option<&EvidenceInfo> {
    let infos = || pieces.iter().map(|(info, _)| info);
    infos()
        .find(|info| info.number == cited)
        .or_else(|| infos().find(|info| info.id == cited))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_found_once_each() {
        assert_eq!(
            cited_evidence("See Evidence #12 and evidence #3; evidence #12 again. evidence #x"),
            [12, 3]
        );
        assert!(cited_evidence("no citations").is_empty());
    }
}
