//! Comparing the benchmark evidence of two options the way benchstat compares two files:
//! rows pair by benchmark name (through the ADR's name mapping) and unit (time units of
//! different tools convert to the base side's), each side is summarised by its median and
//! confidence interval, the change is tested with the Mann-Whitney U test, and each unit
//! gets a geomean row. The result comes as rows, as benchstat-style text and as CSV.

use crate::ssr::evidence::{BenchResult, Config};
use crate::ssr::stats::benchunit;
use crate::ssr::stats::mathx::geomean;
use crate::ssr::stats::summary::{self, Comparison, Summary};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt::Write;
use std::sync::Arc;

/// The significance level when none is asked for.
pub const DEFAULT_ALPHA: f64 = 0.05;

/// One side of a comparison: an option (or the baseline) and its results, borrowed from the
/// evidence they were read from unless several pieces had to be merged.
#[derive(Clone, Debug)]
pub struct Side<'a> {
    pub label: String,
    pub results: Vec<Cow<'a, BenchResult>>,
}

impl Side<'static> {
    /// A side that owns its results.
    pub fn owned(label: impl Into<String>, results: Vec<BenchResult>) -> Self {
        Side {
            label: label.into(),
            results: results.into_iter().map(Cow::Owned).collect(),
        }
    }
}

/// Whether a comparison also writes benchstat's text table, which only the API's answers
/// carry; pages and charts use the rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Write,
    Skip,
}

/// A benchmark row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The base side's name as written (the new side's when the base lacks it).
    pub benchmark: String,
    /// The base side's unit as written; the new side's values are converted to it.
    pub unit: String,
    pub config: Config,
    pub n_base: usize,
    pub n_new: usize,
    pub median_base: Option<f64>,
    pub median_new: Option<f64>,
    pub ci_base: Option<[f64; 2]>,
    pub ci_new: Option<[f64; 2]>,
    pub delta_percent: Option<f64>,
    pub p_value: Option<f64>,
    pub significant: bool,
    pub warnings: Vec<String>,
}

/// The geometric means of one unit's rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeomeanRow {
    pub unit: String,
    pub median_base: Option<f64>,
    pub median_new: Option<f64>,
    pub delta_percent: Option<f64>,
    pub warnings: Vec<String>,
}

/// A whole comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub base: String,
    pub new: String,
    pub alpha: f64,
    pub rows: Vec<Row>,
    pub geomean: Vec<GeomeanRow>,
    pub text: String,
}

/// Seconds per one of `unit`'s time numerator (`ns/op` → 1e-9), or `None` for other units.
/// Only times per run of the benchmark convert (`/op`, `/iter`, `/run`, or a bare time): a
/// custom `ns/key` measures something else.
pub fn time_factor(unit: &str) -> Option<f64> {
    let (numerator, per) = unit.split_once('/').unwrap_or((unit, ""));
    if !matches!(per, "" | "op" | "iter" | "run") {
        return None;
    }
    Some(match numerator {
        "ns" => 1e-9,
        "us" | "µs" => 1e-6,
        "ms" => 1e-3,
        "s" | "sec" => 1.0,
        _ => return None,
    })
}

/// How values of `from` convert to `to`, when they measure the same thing.
fn conversion(from: &str, to: &str) -> Option<f64> {
    if from == to {
        return Some(1.0);
    }
    Some(time_factor(from)? / time_factor(to)?)
}

/// A row being built: the tidied samples of each side.
struct Pair<'a> {
    base: Option<&'a BenchResult>,
    new: Option<&'a BenchResult>,
    /// Converts the new side's values to the base side's unit.
    new_factor: f64,
}

/// Pairs rows by name (mapped through `aliases`) and convertible unit, base rows first in
/// their order, then the new side's unpaired rows. The new side is indexed by name, so
/// pairing is linear in the number of rows.
fn pairs<'a>(
    base: &'a Side<'_>,
    new: &'a Side<'_>,
    aliases: &'a [(String, String)],
) -> Vec<Pair<'a>> {
    let aliases: FxHashMap<&str, &str> = aliases
        .iter()
        .map(|(alias, target)| (alias.as_str(), target.as_str()))
        .collect();
    // The name benchmarks are paired by: the mapped name, or the name itself.
    let canonical = |name: &'a str| -> &'a str { aliases.get(name).copied().unwrap_or(name) };
    // The new side's results by name, as chains: the first index under a name, and for each
    // index the next one under the same name.
    const END: usize = usize::MAX;
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    first.reserve(new.results.len());
    let mut next = vec![END; new.results.len()];
    for (i, n) in new.results.iter().enumerate().rev() {
        if let Some(head) = first.insert(canonical(&n.name), i) {
            next[i] = head;
        }
    }
    let mut out: Vec<Pair<'a>> = Vec::with_capacity(base.results.len());
    let mut used = vec![false; new.results.len()];
    for b in &base.results {
        // The same unit and configuration first, then the same unit, then a convertible one.
        let mut partner: Option<(u8, usize, f64)> = None;
        let mut at = first.get(canonical(&b.name)).copied().unwrap_or(END);
        while at != END {
            let n = &new.results[at];
            if let (false, Some(factor)) = (used[at], conversion(&n.unit, &b.unit)) {
                let rank = match (n.unit == b.unit, same_config(&n.config, &b.config)) {
                    (true, true) => 0,
                    (true, false) => 1,
                    (false, _) => 2,
                };
                if partner.is_none_or(|(best, _, _)| rank < best) {
                    partner = Some((rank, at, factor));
                }
            }
            at = next[at];
        }
        match partner {
            Some((_, i, factor)) => {
                used[i] = true;
                out.push(Pair {
                    base: Some(b),
                    new: Some(&new.results[i]),
                    new_factor: factor,
                });
            }
            None => out.push(Pair {
                base: Some(b),
                new: None,
                new_factor: 1.0,
            }),
        }
    }
    for (i, n) in new.results.iter().enumerate() {
        if !used[i] {
            out.push(Pair {
                base: None,
                new: Some(n),
                new_factor: 1.0,
            });
        }
    }
    out
}

/// Whether two configurations are the same; results read from one piece of evidence share
/// theirs, so the pointer usually answers.
fn same_config(a: &Config, b: &Config) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

fn config_value<'a>(result: &'a BenchResult, key: &str) -> Option<&'a str> {
    result
        .config
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn config_warning(base: &BenchResult, new: &BenchResult) -> Option<String> {
    if same_config(&base.config, &new.config) {
        return None;
    }
    let mut keys: Vec<&str> = base
        .config
        .iter()
        .chain(new.config.iter())
        .map(|(k, _)| k.as_str())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let differing: Vec<String> = keys
        .into_iter()
        .filter_map(|key| {
            let (b, n) = (config_value(base, key), config_value(new, key));
            (b != n).then(|| {
                format!(
                    "{key}: {} vs {}",
                    b.unwrap_or("(none)"),
                    n.unwrap_or("(none)")
                )
            })
        })
        .collect();
    (!differing.is_empty()).then(|| format!("configuration differs: {}", differing.join("; ")))
}

/// A computed row, kept with what the text table needs.
struct Computed {
    row: Row,
    /// The table of the row's unit as benchstat names it.
    table: usize,
    /// The summaries and the test in benchstat's unit.
    summary_base: Option<Summary>,
    summary_new: Option<Summary>,
    comparison: Option<Comparison>,
}

/// A unit as written, the table it goes in (one per unit as benchstat names it) and the
/// factor between the two.
struct WrittenUnit<'a> {
    written: &'a str,
    table: usize,
    factor: f64,
}

/// `values` times `factor`, in ascending order, in `buffer`.
fn ascending<'b>(buffer: &'b mut Vec<f64>, values: &[f64], factor: f64) -> &'b [f64] {
    buffer.clear();
    if factor == 1.0 {
        buffer.extend_from_slice(values);
    } else {
        buffer.extend(values.iter().map(|v| v * factor));
    }
    buffer.sort_unstable_by(f64::total_cmp);
    buffer
}

/// Compares `new` against `base` at significance level `alpha`, pairing names through
/// `aliases` (`(name, same as)`), with benchstat's text table when `text` asks for it.
pub fn compare(
    base: &Side<'_>,
    new: &Side<'_>,
    alpha: f64,
    aliases: &[(String, String)],
    text: Text,
) -> Report {
    let mut computed: Vec<Computed> = Vec::with_capacity(base.results.len());
    let mut written_units: Vec<WrittenUnit<'_>> = Vec::new();
    // The units as benchstat names them, one table each, in order of appearance.
    let mut tables: Vec<String> = Vec::new();
    let (mut base_buffer, mut new_buffer, mut tidy_buffer) = (Vec::new(), Vec::new(), Vec::new());
    for pair in pairs(base, new, aliases) {
        let reference = pair.base.or(pair.new).expect("a pair has a side");
        let unit = match written_units
            .iter()
            .position(|u| u.written == reference.unit)
        {
            Some(i) => i,
            None => {
                let (tidy, factor) = benchunit::tidy(&reference.unit);
                let table = match tables.iter().position(|t| *t == tidy) {
                    Some(t) => t,
                    None => {
                        tables.push(tidy);
                        tables.len() - 1
                    }
                };
                written_units.push(WrittenUnit {
                    written: &reference.unit,
                    table,
                    factor,
                });
                written_units.len() - 1
            }
        };
        let (table, tidy_factor) = (written_units[unit].table, written_units[unit].factor);
        // Each side once, sorted, in the base side's unit as written: the JSON figures come
        // from these values, so that 15 ns/op stays 15 rather than coming back from sec/op
        // as 15.000000000000002. The text scales them to benchstat's units.
        let base_values = pair
            .base
            .map(|b| ascending(&mut base_buffer, &b.samples, 1.0));
        let new_values = pair
            .new
            .map(|n| ascending(&mut new_buffer, &n.samples, pair.new_factor));
        // As benchstat merges unit metadata across files, either side's `assume=exact`
        // makes the row exact.
        let exact = pair.base.is_some_and(|b| b.exact) || pair.new.is_some_and(|n| n.exact);
        let summarize = |values: &[f64]| {
            if exact {
                summary::summarize_exact_sorted(values)
            } else {
                summary::summarize_sorted(values)
            }
        };
        let raw_base = base_values.map(summarize);
        let raw_new = new_values.map(summarize);
        // benchstat summarises the values in its own unit, and a median of two values can
        // round differently there (310.85 ns is 310.9n, but 3.1085e-7 s prints as 310.8n).
        let mut tidied = |raw: &Option<Summary>, values: Option<&[f64]>| {
            let values = values?;
            if tidy_factor == 1.0 {
                return raw.clone();
            }
            Some(summarize(ascending(&mut tidy_buffer, values, tidy_factor)))
        };
        let summary_base = tidied(&raw_base, base_values);
        let summary_new = tidied(&raw_new, new_values);
        let comparison = match (base_values, new_values) {
            (Some(b), Some(n)) if exact => Some(summary::compare_exact(b.len(), n.len(), alpha)),
            (Some(b), Some(n)) => Some(summary::compare(b, n, alpha)),
            _ => None,
        };
        let mut warnings: Vec<String> = Vec::new();
        let mut note = |w: &str| {
            if !warnings.iter().any(|x| x == w) {
                warnings.push(w.to_owned());
            }
        };
        for s in summary_base.iter().chain(&summary_new) {
            s.warnings.iter().for_each(|w| note(w));
        }
        if let Some(c) = &comparison {
            c.warnings.iter().for_each(|w| note(w));
        }
        if let (Some(b), Some(n)) = (pair.base, pair.new) {
            if let Some(w) = config_warning(b, n) {
                note(&w);
            }
            for (side, r) in [("base", b), ("new", n)] {
                if r.samples.len() < 4 && !exact {
                    note(&format!(
                        "the {side} side has only {} sample(s); 4 or more are needed to tell a difference",
                        r.samples.len()
                    ));
                }
            }
        }
        if pair.base.is_none() {
            note("only the new side has this benchmark");
        }
        if pair.new.is_none() {
            note("only the base side has this benchmark");
        }
        let interval = |s: &Option<Summary>| {
            s.as_ref()
                .and_then(Summary::interval)
                .map(|(lo, hi)| [lo, hi])
        };
        let delta = match (&raw_base, &raw_new) {
            (Some(b), Some(n)) => summary::delta_percent(b.center, n.center),
            _ => None,
        };
        computed.push(Computed {
            row: Row {
                benchmark: reference.name.clone(),
                unit: reference.unit.clone(),
                config: reference.config.clone(),
                n_base: pair.base.map_or(0, |b| b.samples.len()),
                n_new: pair.new.map_or(0, |n| n.samples.len()),
                median_base: raw_base.as_ref().map(|s| s.center),
                median_new: raw_new.as_ref().map(|s| s.center),
                ci_base: interval(&raw_base),
                ci_new: interval(&raw_new),
                delta_percent: delta,
                // Exact units are compared without a test: no p-value, and a change is any
                // difference.
                p_value: comparison.as_ref().and_then(|c| c.p).filter(|_| !exact),
                significant: if exact {
                    delta.is_some_and(|d| d != 0.0)
                } else {
                    comparison.as_ref().is_some_and(Comparison::significant)
                },
                warnings,
            },
            table,
            summary_base,
            summary_new,
            comparison,
        });
    }

    let mut geomeans = Vec::new();
    let mut out = String::new();
    if text == Text::Write {
        for config_line in common_config(base) {
            let _ = writeln!(out, "{config_line}");
        }
    }
    for (i, tidy) in tables.iter().enumerate() {
        let rows: Vec<&Computed> = computed.iter().filter(|c| c.table == i).collect();
        let geo = geomean_row(&rows);
        if text == Text::Write {
            write_table(&mut out, &base.label, &new.label, tidy, &rows, &geo);
        }
        // The geomean is given in the unit its first row is written in.
        let written = &rows[0].row.unit;
        let factor = written_units
            .iter()
            .find(|u| u.written == written)
            .map_or(1.0, |u| u.factor);
        geomeans.push(GeomeanRow {
            unit: written.clone(),
            median_base: geo.base.map(|v| v / factor),
            median_new: geo.new.map(|v| v / factor),
            delta_percent: geo.ratio.map(|r| (r - 1.0) * 100.0),
            warnings: geo.warnings.clone(),
        });
    }
    Report {
        base: base.label.clone(),
        new: new.label.clone(),
        alpha,
        rows: computed.into_iter().map(|c| c.row).collect(),
        geomean: geomeans,
        text: out,
    }
}

/// `key: value` lines shared by every base result, as benchstat prints above its tables.
fn common_config(side: &Side<'_>) -> Vec<String> {
    let Some(first) = side.results.first() else {
        return Vec::new();
    };
    first
        .config
        .iter()
        .filter(|kv| {
            side.results
                .iter()
                .all(|r| Arc::ptr_eq(&r.config, &first.config) || r.config.contains(kv))
        })
        .map(|(k, v)| format!("{k}: {v}"))
        .collect()
}

struct Geo {
    base: Option<f64>,
    new: Option<f64>,
    ratio: Option<f64>,
    warnings: Vec<String>,
    base_warn: Vec<String>,
    new_warn: Vec<String>,
}

fn geomean_row(rows: &[&Computed]) -> Geo {
    let base_centers: Vec<f64> = rows
        .iter()
        .filter_map(|c| c.summary_base.as_ref().map(|s| s.center))
        .collect();
    let new_centers: Vec<f64> = rows
        .iter()
        .filter_map(|c| c.summary_new.as_ref().map(|s| s.center))
        .collect();
    let mut ratios = Vec::new();
    // Each zero base counts as a row with a baseline, as benchstat appends a zero ratio for
    // each (benchtab/builder.go), so the benchmark-set check below stays right.
    let mut bad_ratios = 0;
    for c in rows {
        if let (Some(b), Some(n)) = (&c.summary_base, &c.summary_new) {
            if n.center == b.center {
                ratios.push(1.0);
            } else if b.center == 0.0 {
                bad_ratios += 1;
            } else {
                ratios.push(n.center / b.center);
            }
        }
    }
    let mut warnings = Vec::new();
    let (mut base_warn, mut new_warn) = (Vec::new(), Vec::new());
    let base = geomean(&base_centers);
    let new = geomean(&new_centers);
    if base.is_nan() {
        base_warn.push("summaries must be >0 to compute geomean".to_owned());
    }
    if new.is_nan() {
        new_warn.push("summaries must be >0 to compute geomean".to_owned());
    }
    let n_base = rows.iter().filter(|c| c.summary_base.is_some()).count();
    if n_base != ratios.len() + bad_ratios {
        new_warn
            .push("benchmark set differs from baseline; geomeans may not be comparable".to_owned());
    }
    let ratio = if bad_ratios > 0 {
        None
    } else {
        let r = geomean(&ratios);
        if r.is_nan() {
            new_warn.push("ratios must be >0 to compute geomean".to_owned());
            None
        } else {
            Some(r)
        }
    };
    for w in base_warn.iter().chain(&new_warn) {
        if !warnings.contains(w) {
            warnings.push(w.clone());
        }
    }
    Geo {
        base: (!base.is_nan()).then_some(base),
        new: (!new.is_nan()).then_some(new),
        ratio,
        warnings,
        base_warn,
        new_warn,
    }
}

/// The cells of one text-table row before alignment.
struct TextRow {
    label: String,
    cells: Vec<String>,
}

fn write_table(out: &mut String, base: &str, new: &str, unit: &str, rows: &[&Computed], geo: &Geo) {
    let class = benchunit::class_of(unit);
    let mut notes: Vec<String> = Vec::new();
    let mut mark = |warnings: &[String]| -> String {
        warnings
            .iter()
            .map(|w| {
                let i = match notes.iter().position(|n| n == w) {
                    Some(i) => i,
                    None => {
                        notes.push(w.clone());
                        notes.len() - 1
                    }
                };
                superscript(i + 1)
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut lines: Vec<TextRow> = Vec::new();
    for c in rows {
        let centers: Vec<f64> = c
            .summary_base
            .iter()
            .chain(&c.summary_new)
            .map(|s| s.center)
            .collect();
        let scaler = benchunit::common_scale(&centers, class);
        let side = |s: &Option<Summary>, mark: &mut dyn FnMut(&[String]) -> String| match s {
            Some(s) => {
                let m = mark(&s.warnings);
                format!(
                    "{} ± {}{}",
                    scaler.format(s.center),
                    s.pct_range(),
                    if m.is_empty() {
                        String::new()
                    } else {
                        format!(" {m}")
                    }
                )
            }
            None => String::new(),
        };
        let b = side(&c.summary_base, &mut mark);
        let n = side(&c.summary_new, &mut mark);
        let vs = match (&c.summary_base, &c.summary_new, &c.comparison) {
            (Some(b), Some(n), Some(cmp)) => {
                let m = mark(&cmp.warnings);
                format!(
                    "{} ({}){}",
                    cmp.delta(b.center, n.center),
                    cmp.text(),
                    if m.is_empty() {
                        String::new()
                    } else {
                        format!(" {m}")
                    }
                )
            }
            _ => String::new(),
        };
        let name = &c.row.benchmark;
        let label = name
            .strip_prefix("Benchmark")
            .filter(|n| !n.is_empty())
            .unwrap_or(name);
        lines.push(TextRow {
            label: label.to_owned(),
            cells: vec![b, n, vs],
        });
    }
    if rows.len() > 1 {
        let bm = mark(&geo.base_warn);
        let nm = mark(&geo.new_warn);
        let b = geo
            .base
            .map(|v| benchunit::scale(v, class))
            .unwrap_or_default();
        let n = geo
            .new
            .map(|v| benchunit::scale(v, class))
            .unwrap_or_default();
        let d = geo
            .ratio
            .map_or_else(|| "?".to_owned(), |r| format!("{:+.2}%", (r - 1.0) * 100.0));
        let join = |value: String, m: String| {
            if m.is_empty() {
                value
            } else if value.is_empty() {
                m
            } else {
                format!("{value} {m}")
            }
        };
        lines.push(TextRow {
            label: "geomean".into(),
            cells: vec![join(b, bm), n, join(d, nm)],
        });
    }
    let width = |i: usize, header: &str| {
        lines
            .iter()
            .map(|l| l.cells[i].chars().count())
            .chain([header.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let label_width = lines
        .iter()
        .map(|l| l.label.chars().count())
        .max()
        .unwrap_or(0);
    let (wb, wn, wv) = (
        width(0, base).max(unit.len()),
        width(1, new).max(unit.len()),
        width(2, "vs base"),
    );
    if !out.is_empty() && !out.ends_with("\n\n") && out.lines().count() > 0 && out.contains('│') {
        out.push('\n');
    }
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    let center = |s: &str, w: usize| {
        let total = w.saturating_sub(s.chars().count());
        format!(
            "{}{s}{}",
            " ".repeat(total / 2),
            " ".repeat(total - total / 2)
        )
    };
    let _ = writeln!(
        out,
        "{} │ {} │ {} │",
        " ".repeat(label_width),
        center(base, wb),
        center(new, wn + 2 + wv)
    );
    let _ = writeln!(
        out,
        "{} │ {} │ {}  {} │",
        " ".repeat(label_width),
        center(unit, wb),
        center(unit, wn),
        pad("vs base", wv)
    );
    for l in &lines {
        let _ = writeln!(
            out,
            "{}   {}   {}  {}",
            pad(&l.label, label_width),
            pad(&l.cells[0], wb),
            pad(&l.cells[1], wn),
            l.cells[2]
        );
    }
    for (i, note) in notes.iter().enumerate() {
        let _ = writeln!(out, "{} {note}", superscript(i + 1));
    }
}

fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

/// A text cell of the CSV. Benchmark names and units come from uploaded files, so a cell that
/// a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'` and quotes, as OWASP's CSV-injection advice says;
/// figures are written as numbers and never pass through here.
fn csv_text(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula {
        format!("\"'{}\"", s.replace('"', "\"\""))
    } else if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The rows as CSV: one line per benchmark, with the figures unrounded.
pub fn to_csv(report: &Report) -> String {
    let mut out = String::from(
        "benchmark,unit,n_base,median_base,ci_base_lo,ci_base_hi,n_new,median_new,ci_new_lo,ci_new_hi,delta_percent,p_value,significant,warnings\n",
    );
    let field = csv_text;
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for r in &report.rows {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            field(&r.benchmark),
            field(&r.unit),
            r.n_base,
            number(r.median_base),
            number(r.ci_base.map(|c| c[0])),
            number(r.ci_base.map(|c| c[1])),
            r.n_new,
            number(r.median_new),
            number(r.ci_new.map(|c| c[0])),
            number(r.ci_new.map(|c| c[1])),
            number(r.delta_percent),
            number(r.p_value),
            r.significant,
            field(&r.warnings.join("; "))
        );
    }
    out
}

#[cfg(test)]
mod tests;
