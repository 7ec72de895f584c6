//! Reading metrics evidence: histogram quantiles with Prometheus' `histogram_quantile`
//! semantics, summary quantiles as exposed, and alert rules (the guide's Key Metrics and an
//! ADR's own) evaluated per option, with a reason whenever a rule cannot be evaluated.

use crate::ssr::evidence::exposition::{
    COUNT_TOLERANCE, MetricFamily, MetricKind, MetricSample, float_text,
};
use serde::{Deserialize, Serialize};

/// Quantile `q` of cumulative buckets `(upper bound, count)`, as Prometheus'
/// `histogram_quantile` computes it (`bucketQuantile` in promql/quantile.go): counts within
/// rounding noise made equal, falling counts raised to the highest below them, then linear
/// interpolation inside the bucket holding the rank; the +Inf bucket answers with the upper
/// bound of the bucket below it; NaN when there is no +Inf bucket, fewer than two buckets,
/// or no observation.
pub fn histogram_quantile(q: f64, buckets: &[(f64, f64)]) -> f64 {
    if q.is_nan() {
        return f64::NAN;
    }
    if q < 0.0 {
        return f64::NEG_INFINITY;
    }
    if q > 1.0 {
        return f64::INFINITY;
    }
    let mut sorted: Vec<(f64, f64)> = buckets.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Buckets with the same bound (from several series) add up.
    sorted.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            earlier.1 += later.1;
            true
        } else {
            false
        }
    });
    if sorted.last().is_none_or(|b| b.0 != f64::INFINITY) || sorted.len() < 2 {
        return f64::NAN;
    }
    // Float counts (from recording rules or federation) carry rounding noise: a change of a
    // count within COUNT_TOLERANCE of it is none, as Prometheus' correctPrecisionErrors has it.
    let mut previous = sorted[0].1;
    for bucket in sorted.iter_mut().skip(1) {
        let delta = (bucket.1 - previous).abs();
        if delta == 0.0 {
            continue;
        }
        if delta / bucket.1 <= COUNT_TOLERANCE {
            bucket.1 = previous;
        } else {
            previous = bucket.1;
        }
    }
    // Counts must not fall as bounds rise; scrapes taken mid-update can break that.
    let mut max = f64::NEG_INFINITY;
    for bucket in &mut sorted {
        max = max.max(bucket.1);
        bucket.1 = max;
    }
    let observations = sorted[sorted.len() - 1].1;
    if observations == 0.0 || observations.is_nan() {
        return f64::NAN;
    }
    let mut rank = q * observations;
    let b = sorted
        .iter()
        .position(|bucket| bucket.1 >= rank)
        .unwrap_or(sorted.len() - 1);
    if b == sorted.len() - 1 {
        return sorted[sorted.len() - 2].0;
    }
    if b == 0 && sorted[0].0 <= 0.0 {
        return sorted[0].0;
    }
    let (start, end) = (if b == 0 { 0.0 } else { sorted[b - 1].0 }, sorted[b].0);
    let mut count = sorted[b].1;
    if b > 0 {
        count -= sorted[b - 1].1;
        rank -= sorted[b - 1].1;
    }
    start + (end - start) * (rank / count)
}

/// Labels of a series without the given ones, sorted.
fn labels_without(labels: &[(String, String)], drop: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        labels.iter().filter(|(k, _)| k != drop).cloned().collect();
    out.sort();
    out
}

/// A metric's labels, as `(name, value)` pairs.
pub type Labels = Vec<(String, String)>;

/// A histogram series: its labels (without `le`) and buckets.
pub type HistogramSeries = (Labels, Vec<(f64, f64)>);

/// The series of a histogram family.
pub fn histogram_series(family: &MetricFamily) -> Vec<HistogramSeries> {
    let bucket_name = format!("{}_bucket", family.name);
    let buckets = family.samples.iter().filter(|s| s.name == bucket_name);
    group_without(buckets, "le", |le, sample| {
        let le = match le {
            "+Inf" | "Inf" => f64::INFINITY,
            other => other.parse::<f64>().ok()?,
        };
        Some((le, sample.value))
    })
}

/// Groups samples into series by their labels without `label` (`le`, `quantile`), in the
/// order the series first appear, each holding what `read` makes of `label`'s value and
/// the sample. Samples without the label, or that `read` refuses, are left out.
fn group_without<'a, T>(
    samples: impl Iterator<Item = &'a MetricSample>,
    label: &str,
    read: impl Fn(&str, &MetricSample) -> Option<T>,
) -> Vec<(Labels, Vec<T>)> {
    let mut out: Vec<(Labels, Vec<T>)> = Vec::new();
    let mut index: rustc_hash::FxHashMap<Labels, usize> = Default::default();
    for sample in samples {
        let Some(item) = sample.label(label).and_then(|v| read(v, sample)) else {
            continue;
        };
        let labels = labels_without(&sample.labels, label);
        match index.get(&labels) {
            Some(&i) => out[i].1.push(item),
            None => {
                index.insert(labels.clone(), out.len());
                out.push((labels, vec![item]));
            }
        }
    }
    out
}

/// A quantile of one histogram series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuantileValue {
    pub metric: String,
    pub labels: Vec<(String, String)>,
    pub quantile: f64,
    #[serde(with = "float_text")]
    pub value: f64,
}

/// Quantiles `qs` of every histogram series in `families`.
pub fn quantiles(families: &[MetricFamily], qs: &[f64]) -> Vec<QuantileValue> {
    let mut out = Vec::new();
    for family in families
        .iter()
        .filter(|f| matches!(f.kind, MetricKind::Histogram | MetricKind::GaugeHistogram))
    {
        for (labels, buckets) in histogram_series(family) {
            for &q in qs {
                out.push(QuantileValue {
                    metric: family.name.clone(),
                    labels: labels.clone(),
                    quantile: q,
                    value: histogram_quantile(q, &buckets),
                });
            }
        }
    }
    out
}

/// What a rule measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Measure {
    /// The sample value (gauges, counters, untyped).
    Value,
    /// A quantile: of a histogram's buckets, or as a summary exposes it.
    Quantile { quantile: f64 },
}

/// How the series that match are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Histograms: buckets added up first, as `sum by (le)`; values: summed.
    Sum,
    Max,
    Min,
    Avg,
    /// Each series is judged on its own; the rule fails if any fails.
    PerSeries,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparison {
    #[serde(rename = ">")]
    Above,
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "<=")]
    AtMost,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Above => ">",
            Comparison::AtLeast => ">=",
            Comparison::Below => "<",
            Comparison::AtMost => "<=",
        }
    }

    fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::Above => value > threshold,
            Comparison::AtLeast => value >= threshold,
            Comparison::Below => value < threshold,
            Comparison::AtMost => value <= threshold,
        }
    }
}

/// A label matcher: `label = value` or `label != value`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matcher {
    pub label: String,
    #[serde(default)]
    pub negate: bool,
    pub value: String,
}

/// An alert rule: the condition that fires an alert.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub id: String,
    pub metric: String,
    #[serde(default)]
    pub matchers: Vec<Matcher>,
    pub measure: Measure,
    pub aggregation: Aggregation,
    pub comparison: Comparison,
    pub threshold: f64,
    /// Where the rule comes from and what it says, for people.
    pub description: String,
}

impl Rule {
    /// What makes a rule unusable, if anything: the field at fault and why.
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        if self.metric.trim().is_empty() {
            return Some(("metric", "a rule needs a metric name"));
        }
        if let Measure::Quantile { quantile } = self.measure
            && !(0.0..=1.0).contains(&quantile)
        {
            return Some(("measure.quantile", "a quantile between 0 and 1 is needed"));
        }
        if !self.threshold.is_finite() {
            return Some(("threshold", "the threshold must be a finite number"));
        }
        None
    }
}

/// A rule's outcome for one option.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The alert condition does not hold.
    Pass {
        value: f64,
    },
    /// The alert condition holds.
    Fail {
        value: f64,
    },
    NotEvaluable {
        reason: String,
    },
}

impl Verdict {
    pub fn value(&self) -> Option<f64> {
        match self {
            Verdict::Pass { value } | Verdict::Fail { value } => Some(*value),
            Verdict::NotEvaluable { .. } => None,
        }
    }
}

/// The guide's Key Metrics as rules. The guide's "2GB" is read as 2 × 10⁹ bytes.
pub fn guide_rules() -> Vec<Rule> {
    let rule = |id: &str, metric: &str, measure, aggregation, threshold, description: &str| Rule {
        id: id.to_owned(),
        metric: metric.to_owned(),
        matchers: Vec::new(),
        measure,
        aggregation,
        comparison: Comparison::Above,
        threshold,
        description: description.to_owned(),
    };
    vec![
        rule(
            "guide-goroutines",
            "go_goroutines",
            Measure::Value,
            Aggregation::Max,
            10_000.0,
            "Key Metrics: go_goroutines > 10,000 (potential leak)",
        ),
        rule(
            "guide-gc-pause-p99",
            "go_gc_duration_seconds",
            Measure::Quantile { quantile: 0.99 },
            Aggregation::Max,
            0.005,
            "Key Metrics: go_gc_duration_seconds p99 > 5ms",
        ),
        rule(
            "guide-resident-memory",
            "process_resident_memory_bytes",
            Measure::Value,
            Aggregation::Max,
            2e9,
            "Key Metrics: process_resident_memory_bytes > 2GB (read as 2 × 10⁹ bytes, not GiB)",
        ),
        rule(
            "guide-http-p99",
            "http_request_duration_seconds",
            Measure::Quantile { quantile: 0.99 },
            Aggregation::Sum,
            0.5,
            "Key Metrics: http_request_duration_seconds p99 > 500ms (across all series, buckets summed)",
        ),
    ]
}

fn matches(labels: &[(String, String)], matchers: &[Matcher]) -> bool {
    matchers.iter().all(|m| {
        let value = labels
            .iter()
            .find(|(k, _)| *k == m.label)
            .map_or("", |(_, v)| v.as_str());
        (value == m.value) != m.negate
    })
}

fn aggregate(values: &[f64], how: Aggregation) -> f64 {
    match how {
        Aggregation::Sum => values.iter().sum(),
        Aggregation::Max | Aggregation::PerSeries => {
            values.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        }
        Aggregation::Min => values.iter().copied().fold(f64::INFINITY, f64::min),
        Aggregation::Avg => values.iter().sum::<f64>() / values.len() as f64,
    }
}

fn judge(rule: &Rule, value: f64) -> Verdict {
    if value.is_nan() {
        return Verdict::NotEvaluable {
            reason: "the value is NaN".to_owned(),
        };
    }
    if rule.comparison.holds(value, rule.threshold) {
        Verdict::Fail { value }
    } else {
        Verdict::Pass { value }
    }
}

/// Judges the values of the matching series (one per series) as the rule aggregates them.
/// Like PromQL's `max` and `min`, those skip NaN series; a sum or average with a NaN in it
/// is NaN. Per series, the worst value in the rule's direction is shown: the highest for
/// `>` and `>=`, the lowest for `<` and `<=`; a failing one wins over passing ones.
fn combine(rule: &Rule, values: &[f64]) -> Verdict {
    let numbers: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    if numbers.is_empty() {
        return Verdict::NotEvaluable {
            reason: format!(
                "every matching series of {} is NaN (undefined)",
                rule.metric
            ),
        };
    }
    let worst = |values: &[f64]| match rule.comparison {
        Comparison::Above | Comparison::AtLeast => aggregate(values, Aggregation::Max),
        Comparison::Below | Comparison::AtMost => aggregate(values, Aggregation::Min),
    };
    match rule.aggregation {
        Aggregation::PerSeries => {
            let failing: Vec<f64> = numbers
                .iter()
                .copied()
                .filter(|v| rule.comparison.holds(*v, rule.threshold))
                .collect();
            if failing.is_empty() {
                Verdict::Pass {
                    value: worst(&numbers),
                }
            } else {
                Verdict::Fail {
                    value: worst(&failing),
                }
            }
        }
        Aggregation::Max | Aggregation::Min => judge(rule, aggregate(&numbers, rule.aggregation)),
        Aggregation::Sum | Aggregation::Avg => judge(rule, aggregate(values, rule.aggregation)),
    }
}

/// Evaluates `rule` on an option's metric families, oldest scrape first: the newest
/// family of the rule's metric is the one judged.
pub fn evaluate(rule: &Rule, families: &[&MetricFamily]) -> Verdict {
    let not = |reason: String| Verdict::NotEvaluable { reason };
    let Some(family) = families.iter().rev().find(|f| f.name == rule.metric) else {
        return not(format!("no metric family {} in the evidence", rule.metric));
    };
    match (&rule.measure, family.kind) {
        (Measure::Quantile { quantile }, MetricKind::Histogram | MetricKind::GaugeHistogram) => {
            let series: Vec<HistogramSeries> = histogram_series(family)
                .into_iter()
                .filter(|(labels, _)| matches(labels, &rule.matchers))
                .collect();
            if series.is_empty() {
                return not(format!(
                    "no series of {} matches the rule's labels",
                    rule.metric
                ));
            }
            match rule.aggregation {
                Aggregation::Sum => {
                    let all: Vec<(f64, f64)> =
                        series.iter().flat_map(|(_, b)| b.iter().copied()).collect();
                    judge(rule, histogram_quantile(*quantile, &all))
                }
                _ => combine(
                    rule,
                    &series
                        .iter()
                        .map(|(_, b)| histogram_quantile(*quantile, b))
                        .collect::<Vec<_>>(),
                ),
            }
        }
        (Measure::Quantile { quantile }, MetricKind::Summary) => {
            let exposed: Vec<(f64, f64)> = family
                .samples
                .iter()
                .filter(|s| {
                    s.name == family.name
                        && matches(&labels_without(&s.labels, "quantile"), &rule.matchers)
                })
                .filter_map(|s| Some((s.label("quantile")?.parse::<f64>().ok()?, s.value)))
                .collect();
            let values: Vec<f64> = exposed
                .iter()
                .filter(|(q, _)| q == quantile)
                .map(|(_, v)| *v)
                .collect();
            if values.is_empty() {
                let mut offered: Vec<f64> = exposed.iter().map(|(q, _)| *q).collect();
                offered.sort_by(f64::total_cmp);
                offered.dedup();
                let offered: Vec<String> = offered.iter().map(f64::to_string).collect();
                return not(format!(
                    "{} is a summary without a {quantile} quantile (it exposes {}); a summary's quantiles cannot be derived",
                    rule.metric,
                    if offered.is_empty() {
                        "none".to_owned()
                    } else {
                        offered.join(", ")
                    }
                ));
            }
            if rule.aggregation == Aggregation::Sum {
                return not("quantiles of a summary cannot be summed across series".to_owned());
            }
            combine(rule, &values)
        }
        (Measure::Quantile { .. }, kind) => not(format!(
            "{} is a {kind:?} metric, which has no quantiles",
            rule.metric
        )
        .to_lowercase()),
        (
            Measure::Value,
            MetricKind::Histogram | MetricKind::GaugeHistogram | MetricKind::Summary,
        ) => not(format!(
            "{} is a histogram or summary; measure a quantile",
            rule.metric
        )),
        (Measure::Value, _) => {
            let values: Vec<f64> = family
                .samples
                .iter()
                .filter(|s| {
                    (s.name == family.name || s.name == format!("{}_total", family.name))
                        && matches(&s.labels, &rule.matchers)
                })
                .map(|s| s.value)
                .collect();
            if values.is_empty() {
                return not(format!(
                    "no sample of {} matches the rule's labels",
                    rule.metric
                ));
            }
            combine(rule, &values)
        }
    }
}

/// One row of an option's metrics as the page lists them: a series and what it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesRow {
    pub metric: String,
    /// `{handler="/a"}`, or empty.
    pub labels: String,
    pub kind: MetricKind,
    pub help: String,
    /// The value; for a histogram its p50, p90 and p99; for a summary its quantiles as given.
    pub shown: String,
}

/// The unit a metric's name declares by Prometheus' naming convention (`_bytes`,
/// `_seconds`, before any `_total`, `_sum`, `_count` or `_bucket`), if any.
pub fn unit_of(metric: &str) -> Option<&'static str> {
    let base = ["_total", "_sum", "_count", "_bucket", "_created"]
        .iter()
        .find_map(|suffix| metric.strip_suffix(suffix))
        .unwrap_or(metric);
    if base.ends_with("_bytes") {
        Some("B")
    } else if base.ends_with("_seconds") {
        Some("s")
    } else {
        None
    }
}

/// A metric's value for people: with the unit its name declares and an SI prefix, to three
/// significant figures (`86.1 MB`, `1.37 s`, `250 µs`); a count stays a whole number.
/// Bytes scale by powers of 1000, as the guide's "2GB" is read.
pub fn figure(metric: &str, value: f64) -> String {
    if !value.is_finite() {
        return value_text(value);
    }
    match unit_of(metric) {
        Some(unit) => format!("{}{unit}", si(value)),
        None if value.fract() == 0.0 && value.abs() < 1e15 => format!("{value:.0}"),
        None => si(value).trim_end().to_owned(),
    }
}

/// `value` to three significant figures with an SI prefix and a trailing space before the
/// unit: `86.1 M`, `1.37 `, `5.00 m`.
fn si(value: f64) -> String {
    const PREFIXES: [(f64, &str); 9] = [
        (1e15, "P"),
        (1e12, "T"),
        (1e9, "G"),
        (1e6, "M"),
        (1e3, "k"),
        (1.0, ""),
        (1e-3, "m"),
        (1e-6, "µ"),
        (1e-9, "n"),
    ];
    if value == 0.0 {
        return "0 ".to_owned();
    }
    let magnitude = value.abs();
    let (factor, prefix) = PREFIXES
        .iter()
        .copied()
        // Rounding to three figures can carry into the next prefix (999.7k is 1.00M).
        .find(|(factor, _)| magnitude >= factor * 0.9995)
        .unwrap_or((1e-9, "n"));
    let scaled = value / factor;
    let decimals = match scaled.abs() {
        a if a >= 99.95 => 0,
        a if a >= 9.995 => 1,
        _ => 2,
    };
    format!("{scaled:.decimals$} {prefix}")
}

/// A value as the exposition writes it: `NaN`, `+Inf`, `-Inf` or the number.
pub fn value_text(value: f64) -> String {
    float_text::text(value).map_or_else(|| value.to_string(), str::to_owned)
}

fn labels_text(labels: &[(String, String)]) -> String {
    if labels.is_empty() {
        return String::new();
    }
    let pairs: Vec<String> = labels.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
    format!("{{{}}}", pairs.join(", "))
}

/// Every series of `families`: each sample of a plain metric with its value, each
/// histogram series with its p50, p90 and p99, each summary series with the quantiles it
/// exposes.
pub fn series_rows(families: &[MetricFamily]) -> Vec<SeriesRow> {
    let mut rows = Vec::new();
    for family in families {
        let row = |labels: &[(String, String)], metric: &str, shown: String| SeriesRow {
            metric: metric.to_owned(),
            labels: labels_text(labels),
            kind: family.kind,
            help: family.help.clone().unwrap_or_default(),
            shown,
        };
        match family.kind {
            MetricKind::Histogram | MetricKind::GaugeHistogram => {
                for (labels, buckets) in histogram_series(family) {
                    let shown = [0.5, 0.9, 0.99]
                        .map(|q| {
                            format!(
                                "p{} {}",
                                q * 100.0,
                                value_text(histogram_quantile(q, &buckets))
                            )
                        })
                        .join(" · ");
                    rows.push(row(&labels, &family.name, shown));
                }
            }
            MetricKind::Summary => {
                let quantiles = family.samples.iter().filter(|s| s.name == family.name);
                let series = group_without(quantiles, "quantile", |q, sample| {
                    Some(format!("q{q} {}", value_text(sample.value)))
                });
                for (labels, quantiles) in series {
                    rows.push(row(&labels, &family.name, quantiles.join(" · ")));
                }
            }
            _ => {
                for sample in &family.samples {
                    rows.push(row(&sample.labels, &sample.name, value_text(sample.value)));
                }
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests;
