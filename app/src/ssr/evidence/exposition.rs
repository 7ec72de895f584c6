//! The Prometheus text exposition format 0.0.4 and OpenMetrics 1.0: HELP, TYPE and UNIT
//! metadata, escaped label values, counters, gauges, histograms, summaries, untyped and
//! unknown metrics, NaN and ±Inf, timestamps, exemplars and the `# EOF` terminator. A
//! malformed exposition is refused with every bad line and column.

use super::{
    LineError, LineErrors, MAX_REPORTED, ParseFailure, ParserOutput, Results, Skips, Warning,
    numbered_lines,
};
use serde::{Deserialize, Serialize};

/// The relative difference between two bucket counts that is rounding noise, not a change
/// (Prometheus' tolerance, which `histogram_quantile` applies too).
pub const COUNT_TOLERANCE: f64 = 1e-12;

/// Which of the two text formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Prometheus,
    OpenMetrics,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricKind {
    Counter,
    Gauge,
    Histogram,
    GaugeHistogram,
    Summary,
    Info,
    StateSet,
    Untyped,
    Unknown,
}

impl MetricKind {
    fn parse(text: &str, dialect: Dialect) -> Option<MetricKind> {
        Some(match (text, dialect) {
            ("counter", _) => MetricKind::Counter,
            ("gauge", _) => MetricKind::Gauge,
            ("histogram", _) => MetricKind::Histogram,
            ("summary", _) => MetricKind::Summary,
            ("untyped", Dialect::Prometheus) => MetricKind::Untyped,
            ("unknown", Dialect::OpenMetrics) => MetricKind::Unknown,
            ("gaugehistogram", Dialect::OpenMetrics) => MetricKind::GaugeHistogram,
            ("info", Dialect::OpenMetrics) => MetricKind::Info,
            ("stateset", Dialect::OpenMetrics) => MetricKind::StateSet,
            _ => return None,
        })
    }

    /// The sample-name suffixes this kind of family may use (besides the bare name).
    fn suffixes(self, dialect: Dialect) -> &'static [&'static str] {
        match (self, dialect) {
            (MetricKind::Counter, Dialect::OpenMetrics) => &["_total", "_created"],
            (MetricKind::Counter, Dialect::Prometheus) => &[],
            (MetricKind::Histogram, Dialect::OpenMetrics) => {
                &["_bucket", "_sum", "_count", "_created"]
            }
            (MetricKind::Histogram, Dialect::Prometheus) => &["_bucket", "_sum", "_count"],
            (MetricKind::GaugeHistogram, _) => &["_bucket", "_gsum", "_gcount"],
            (MetricKind::Summary, Dialect::OpenMetrics) => &["_sum", "_count", "_created"],
            (MetricKind::Summary, Dialect::Prometheus) => &["_sum", "_count"],
            (MetricKind::Info, _) => &["_info"],
            _ => &[],
        }
    }
}

/// A number that JSON can carry even when it is NaN or infinite: those become the strings
/// `"NaN"`, `"+Inf"` and `"-Inf"`.
pub mod float_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn text(value: f64) -> Option<&'static str> {
        if value.is_nan() {
            Some("NaN")
        } else if value == f64::INFINITY {
            Some("+Inf")
        } else if value == f64::NEG_INFINITY {
            Some("-Inf")
        } else {
            None
        }
    }

    pub fn serialize<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
        match text(*value) {
            Some(t) => s.serialize_str(t),
            None => s.serialize_f64(*value),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Either {
            Number(f64),
            Text(String),
        }
        match Either::deserialize(d)? {
            Either::Number(n) => Ok(n),
            Either::Text(t) => match t.as_str() {
                "NaN" => Ok(f64::NAN),
                "+Inf" => Ok(f64::INFINITY),
                "-Inf" => Ok(f64::NEG_INFINITY),
                other => Err(serde::de::Error::custom(format!("not a number: {other}"))),
            },
        }
    }
}

/// An exemplar attached to a sample (OpenMetrics).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exemplar {
    pub labels: Vec<(String, String)>,
    #[serde(with = "float_text")]
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<f64>,
}

/// One sample line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricSample {
    /// The full sample name, with its suffix (`_bucket`, `_sum`, ...).
    pub name: String,
    pub labels: Vec<(String, String)>,
    #[serde(with = "float_text")]
    pub value: f64,
    /// As written: milliseconds in Prometheus 0.0.4, seconds in OpenMetrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemplar: Option<Exemplar>,
}

impl MetricSample {
    pub fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A metric family: its metadata and samples.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricFamily {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: MetricKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub samples: Vec<MetricSample>,
}

/// A cursor over one line, tracking the column for errors.
struct Cursor<'a> {
    line: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn column(&self) -> usize {
        self.line[..self.pos].chars().count() + 1
    }

    fn rest(&self) -> &'a str {
        &self.line[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn skip_blanks(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A metric or label name: `[a-zA-Z_:][a-zA-Z0-9_:]*` (labels without `:`).
    fn name(&mut self, colons: bool) -> Option<&'a str> {
        let start = self.pos;
        for (i, c) in self.rest().char_indices() {
            let ok = c.is_ascii_alphabetic()
                || c == '_'
                || (colons && c == ':')
                || (i > 0 && c.is_ascii_digit());
            if !ok {
                break;
            }
            self.pos = start + i + c.len_utf8();
        }
        (self.pos > start).then(|| &self.line[start..self.pos])
    }

    /// A word up to the next blank.
    fn word(&mut self) -> &'a str {
        let start = self.pos;
        let end = self
            .rest()
            .find([' ', '\t'])
            .map_or(self.line.len(), |i| start + i);
        self.pos = end;
        &self.line[start..end]
    }
}

fn error(cursor: &Cursor<'_>, line: usize, reason: impl Into<String>) -> LineError {
    LineError::new(line, cursor.column(), reason)
}

/// Reads `{name="value",...}`; the cursor is on the `{`.
fn parse_labels(cursor: &mut Cursor<'_>, n: usize) -> Result<Vec<(String, String)>, LineError> {
    let mut out: Vec<(String, String)> = Vec::new();
    cursor.eat('{');
    loop {
        cursor.skip_blanks();
        if cursor.eat('}') {
            return Ok(out);
        }
        let name = cursor
            .name(false)
            .ok_or_else(|| error(cursor, n, "expected a label name"))?;
        cursor.skip_blanks();
        if !cursor.eat('=') {
            return Err(error(cursor, n, format!("expected '=' after label {name}")));
        }
        cursor.skip_blanks();
        if !cursor.eat('"') {
            return Err(error(cursor, n, "a label value must be in double quotes"));
        }
        // Most values hold no escape: copy them whole, sized once.
        let rest = cursor.rest();
        let mut value = match rest.find(['"', '\\']) {
            Some(end) if rest.as_bytes()[end] == b'"' => {
                cursor.pos += end;
                rest[..end].to_owned()
            }
            _ => String::new(),
        };
        loop {
            match cursor.peek() {
                None => return Err(error(cursor, n, "the label value is not closed")),
                Some('"') => {
                    cursor.pos += 1;
                    break;
                }
                Some('\\') => {
                    cursor.pos += 1;
                    match cursor.peek() {
                        Some('\\') => value.push('\\'),
                        Some('"') => value.push('"'),
                        Some('n') => value.push('\n'),
                        _ => {
                            return Err(error(
                                cursor,
                                n,
                                "a label value may escape only \\\\, \\\" and \\n",
                            ));
                        }
                    }
                    cursor.pos += 1;
                }
                Some(c) => {
                    value.push(c);
                    cursor.pos += c.len_utf8();
                }
            }
        }
        if out.iter().any(|(k, _)| k == name) {
            return Err(error(cursor, n, format!("label {name} appears twice")));
        }
        if out.len() >= MAX_LABELS {
            return Err(error(
                cursor,
                n,
                format!("more than {MAX_LABELS} labels on one sample"),
            ));
        }
        out.push((name.to_owned(), value));
        cursor.skip_blanks();
        if cursor.eat(',') {
            continue;
        }
        if cursor.eat('}') {
            return Ok(out);
        }
        return Err(error(cursor, n, "expected ',' or '}' after a label"));
    }
}

/// The most labels one sample may carry (each is checked against the others).
pub const MAX_LABELS: usize = 128;

/// A sample value: a float, `NaN`, `+Inf` or `-Inf`.
fn parse_number(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "+Inf" | "Inf" => Some(f64::INFINITY),
        "-Inf" => Some(f64::NEG_INFINITY),
        _ if text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
            && !text.is_empty() =>
        {
            text.parse::<f64>().ok()
        }
        _ => None,
    }
}

/// Unescapes a HELP text.
fn help_text(text: &str, dialect: Dialect) -> Result<String, usize> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some((_, '\\')) => out.push('\\'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, '"')) if dialect == Dialect::OpenMetrics => out.push('"'),
            // Prometheus 0.0.4 keeps other backslashes as written.
            Some((_, other)) if dialect == Dialect::Prometheus => {
                out.push('\\');
                out.push(other);
            }
            None if dialect == Dialect::Prometheus => out.push('\\'),
            _ => return Err(i),
        }
    }
    Ok(out)
}

/// Every suffix a sample name may add to its family's name.
const SUFFIXES: [&str; 8] = [
    "_bucket", "_sum", "_count", "_created", "_total", "_gsum", "_gcount", "_info",
];

struct Families {
    dialect: Dialect,
    list: Vec<MetricFamily>,
    index: rustc_hash::FxHashMap<String, usize>,
    /// Whether each family's TYPE was declared, and whether it has samples yet.
    declared: Vec<bool>,
    /// The family the last sample belonged to, to detect interleaving.
    current: Option<usize>,
    /// Each histogram series' buckets as they are read.
    runs: Vec<BucketRun>,
    /// A series' run by family and sorted labels without `le`.
    run_index: rustc_hash::FxHashMap<(usize, Vec<(String, String)>), usize>,
    /// The run the last bucket belonged to: the next bucket is most likely its neighbour.
    last_run: Option<usize>,
    /// Buckets read whose counts fall, at most [`MAX_REPORTED`] of them, and how many more.
    warnings: Vec<Warning>,
    warnings_past_cap: usize,
}

/// A histogram series' buckets so far: they must rise in `le` and end with `le="+Inf"`.
/// Their counts should be cumulative; a count that falls is read with a warning, since
/// federated and recording-rule output carries such buckets, Prometheus accepts them and
/// `histogram_quantile` makes the counts monotonic before it interpolates.
struct BucketRun {
    family: usize,
    /// Its labels without `le`, in the order the last bucket wrote them.
    labels: Vec<(String, String)>,
    first_line: usize,
    last_le: f64,
    last_count: f64,
    has_inf: bool,
}

impl Families {
    fn find(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    fn metadata(&mut self, name: &str) -> usize {
        self.find(name).unwrap_or_else(|| {
            self.list.push(MetricFamily {
                name: name.to_owned(),
                kind: match self.dialect {
                    Dialect::Prometheus => MetricKind::Untyped,
                    Dialect::OpenMetrics => MetricKind::Unknown,
                },
                help: None,
                unit: None,
                samples: Vec::new(),
            });
            self.declared.push(false);
            self.index.insert(name.to_owned(), self.list.len() - 1);
            self.list.len() - 1
        })
    }

    /// The family a sample name belongs to.
    fn family_of(&mut self, sample: &str) -> usize {
        if let Some(i) = self.find(sample)
            && !(self.dialect == Dialect::OpenMetrics && self.list[i].kind == MetricKind::Counter)
        {
            return i;
        }
        for suffix in SUFFIXES {
            if let Some(base) = sample.strip_suffix(suffix)
                && let Some(i) = self.find(base)
                && self.list[i].kind.suffixes(self.dialect).contains(&suffix)
            {
                return i;
            }
        }
        self.metadata(sample)
    }
}

pub fn parse(text: &str, dialect: Dialect) -> ParserOutput {
    let mut families = Families {
        dialect,
        list: Vec::new(),
        index: Default::default(),
        declared: Vec::new(),
        current: None,
        runs: Vec::new(),
        run_index: Default::default(),
        last_run: None,
        warnings: Vec::new(),
        warnings_past_cap: 0,
    };
    let mut errors = LineErrors::default();
    let mut skipped = Skips::default();
    let mut eof_at: Option<usize> = None;
    let total = super::line_count(text);
    for (n, line) in numbered_lines(text).take(total) {
        if let Some(at) = eof_at {
            errors.push(LineError::new(
                n,
                1,
                format!("nothing may follow # EOF (line {at})"),
            ));
            break;
        }
        if line.trim().is_empty() {
            match dialect {
                Dialect::Prometheus => continue,
                Dialect::OpenMetrics => {
                    errors.push(LineError::new(
                        n,
                        1,
                        "OpenMetrics does not allow empty lines",
                    ));
                    continue;
                }
            }
        }
        let mut cursor = Cursor { line, pos: 0 };
        if line.starts_with('#') {
            if let Err(e) = metadata_line(&mut cursor, n, &mut families, &mut skipped, &mut eof_at)
            {
                errors.push(e);
            }
            continue;
        }
        if let Err(e) = sample_line(&mut cursor, n, &mut families) {
            errors.push(e);
        }
    }
    for run in families.runs.iter().filter(|run| !run.has_inf) {
        let labels: Vec<String> = run
            .labels
            .iter()
            .map(|(k, v)| format!("{k}=\"{v}\""))
            .collect();
        errors.push(LineError::new(
            run.first_line,
            1,
            format!(
                "the histogram series {}{{{}}} has no le=\"+Inf\" bucket",
                families.list[run.family].name,
                labels.join(",")
            ),
        ));
    }
    if dialect == Dialect::OpenMetrics && eof_at.is_none() && errors.is_empty() {
        errors.push(LineError::new(
            total + 1,
            1,
            "an OpenMetrics exposition must end with # EOF",
        ));
    }
    if !errors.is_empty() {
        return Err(ParseFailure::Errors(errors.finish()));
    }
    let list = families
        .list
        .into_iter()
        .filter(|f| !f.samples.is_empty())
        .collect();
    let mut warnings = families.warnings;
    if families.warnings_past_cap > 0 {
        warnings.push(Warning {
            line: warnings.last().map_or(0, |w| w.line),
            message: format!(
                "and {} more buckets whose counts fall",
                families.warnings_past_cap
            ),
        });
    }
    Ok((total, Results::Metrics(list), skipped.finish(), warnings))
}

fn metadata_line(
    cursor: &mut Cursor<'_>,
    n: usize,
    families: &mut Families,
    skipped: &mut Skips,
    eof_at: &mut Option<usize>,
) -> Result<(), LineError> {
    let dialect = families.dialect;
    cursor.eat('#');
    if cursor.rest().is_empty() || !cursor.rest().starts_with(' ') {
        return match dialect {
            Dialect::Prometheus => {
                skipped.push(n, "comment");
                Ok(())
            }
            Dialect::OpenMetrics => Err(error(
                cursor,
                n,
                "expected '# HELP', '# TYPE', '# UNIT' or '# EOF'",
            )),
        };
    }
    cursor.skip_blanks();
    let keyword = cursor.word();
    match keyword {
        "EOF" if dialect == Dialect::OpenMetrics => {
            if !cursor.rest().trim().is_empty() {
                return Err(error(cursor, n, "# EOF takes nothing after it"));
            }
            *eof_at = Some(n);
            return Ok(());
        }
        "HELP" | "TYPE" => {}
        "UNIT" if dialect == Dialect::OpenMetrics => {}
        _ => {
            return match dialect {
                Dialect::Prometheus => {
                    skipped.push(n, "comment");
                    Ok(())
                }
                Dialect::OpenMetrics => Err(LineError::new(
                    n,
                    3,
                    format!("unknown metadata '# {keyword}'"),
                )),
            };
        }
    }
    if cursor.skip_blanks() == 0 {
        return Err(error(
            cursor,
            n,
            format!("expected a metric name after # {keyword}"),
        ));
    }
    let name = cursor
        .name(true)
        .ok_or_else(|| error(cursor, n, "expected a metric name"))?;
    let separated = cursor.skip_blanks() > 0;
    let rest = cursor.rest();
    let family = families.metadata(name);
    match keyword {
        "HELP" => {
            if !separated && !rest.is_empty() {
                return Err(error(cursor, n, "expected a space after the metric name"));
            }
            if families.list[family].help.is_some() {
                return Err(LineError::new(n, 1, format!("a second HELP for {name}")));
            }
            let text = help_text(rest, dialect).map_err(|i| {
                error(
                    cursor,
                    n,
                    format!("a bad escape at byte {i} of the help text"),
                )
            })?;
            families.list[family].help = Some(text);
        }
        "TYPE" => {
            let kind = MetricKind::parse(rest.trim(), dialect).ok_or_else(|| {
                error(cursor, n, format!("unknown metric type '{}'", rest.trim()))
            })?;
            if families.declared[family] {
                return Err(LineError::new(n, 1, format!("a second TYPE for {name}")));
            }
            if !families.list[family].samples.is_empty() {
                return Err(LineError::new(
                    n,
                    1,
                    format!("the TYPE of {name} comes after its samples"),
                ));
            }
            families.declared[family] = true;
            families.list[family].kind = kind;
        }
        _ => {
            let unit = rest.trim();
            if !unit.is_empty() && !name.ends_with(&format!("_{unit}")) {
                return Err(error(
                    cursor,
                    n,
                    format!("the unit '{unit}' must be the suffix of the metric name {name}"),
                ));
            }
            families.list[family].unit = Some(unit.to_owned());
        }
    }
    Ok(())
}

fn sample_line(
    cursor: &mut Cursor<'_>,
    n: usize,
    families: &mut Families,
) -> Result<(), LineError> {
    let dialect = families.dialect;
    let start = cursor.column();
    let name = cursor
        .name(true)
        .ok_or_else(|| LineError::new(n, start, "expected a metric name"))?;
    let labels = if cursor.peek() == Some('{') {
        parse_labels(cursor, n)?
    } else {
        Vec::new()
    };
    if cursor.skip_blanks() == 0 {
        return Err(error(cursor, n, "expected a space before the value"));
    }
    let value_column = cursor.column();
    let value_text = cursor.word();
    let value = parse_number(value_text).ok_or_else(|| {
        LineError::new(n, value_column, format!("'{value_text}' is not a number"))
    })?;
    let mut timestamp = None;
    let mut exemplar = None;
    if cursor.skip_blanks() > 0 && !cursor.rest().is_empty() {
        if cursor.peek() != Some('#') {
            let column = cursor.column();
            let text = cursor.word();
            timestamp = Some(match dialect {
                Dialect::Prometheus => text.parse::<i64>().map(|t| t as f64).map_err(|_| {
                    LineError::new(
                        n,
                        column,
                        format!("the timestamp '{text}' is not whole milliseconds"),
                    )
                })?,
                Dialect::OpenMetrics => value_of_timestamp(text).ok_or_else(|| {
                    LineError::new(
                        n,
                        column,
                        format!("the timestamp '{text}' is not a number of seconds"),
                    )
                })?,
            });
            cursor.skip_blanks();
        }
        if cursor.peek() == Some('#') {
            if dialect == Dialect::Prometheus {
                return Err(error(cursor, n, "exemplars are OpenMetrics only"));
            }
            cursor.eat('#');
            if cursor.skip_blanks() == 0 || cursor.peek() != Some('{') {
                return Err(error(cursor, n, "an exemplar starts with '# {'"));
            }
            let exemplar_labels = parse_labels(cursor, n)?;
            if cursor.skip_blanks() == 0 {
                return Err(error(cursor, n, "expected the exemplar's value"));
            }
            let column = cursor.column();
            let text = cursor.word();
            let value = parse_number(text)
                .ok_or_else(|| LineError::new(n, column, format!("'{text}' is not a number")))?;
            let mut ts = None;
            if cursor.skip_blanks() > 0 && !cursor.rest().is_empty() {
                let column = cursor.column();
                let text = cursor.word();
                ts = Some(value_of_timestamp(text).ok_or_else(|| {
                    LineError::new(n, column, format!("'{text}' is not a timestamp"))
                })?);
            }
            exemplar = Some(Exemplar {
                labels: exemplar_labels,
                value,
                timestamp: ts,
            });
        }
    }
    cursor.skip_blanks();
    if !cursor.rest().is_empty() {
        return Err(error(
            cursor,
            n,
            format!("unexpected '{}' after the sample", cursor.rest()),
        ));
    }
    let family = families.family_of(name);
    let kind = families.list[family].kind;
    if let Some(current) = families.current
        && current != family
        && dialect == Dialect::OpenMetrics
        && !families.list[family].samples.is_empty()
    {
        return Err(LineError::new(
            n,
            1,
            format!(
                "the samples of {} are interleaved with another family's",
                families.list[family].name
            ),
        ));
    }
    families.current = Some(family);
    let suffix = &name[families.list[family].name.len().min(name.len())..];
    match (kind, suffix) {
        (MetricKind::Histogram | MetricKind::GaugeHistogram, "_bucket") => {
            let le = labels
                .iter()
                .find(|(k, _)| k == "le")
                .map(|(_, v)| v.as_str());
            let Some(le) = le.and_then(parse_number).filter(|le| !le.is_nan()) else {
                return Err(LineError::new(
                    n,
                    1,
                    format!("the bucket {name} needs an 'le' label with a number"),
                ));
            };
            check_bucket(families, family, &labels, le, value, n)?;
        }
        (MetricKind::Counter, "_total" | "") if value < 0.0 => {
            return Err(LineError::new(
                n,
                value_column,
                format!("the counter {name} is negative ({value_text}); counters only rise"),
            ));
        }
        (MetricKind::Counter, "") if dialect == Dialect::OpenMetrics => {
            return Err(LineError::new(
                n,
                1,
                format!("an OpenMetrics counter's samples are named {name}_total"),
            ));
        }
        (MetricKind::Summary, "") => {
            let q = labels
                .iter()
                .find(|(k, _)| k == "quantile")
                .map(|(_, v)| v.as_str());
            if q.and_then(parse_number).is_none() {
                return Err(LineError::new(
                    n,
                    1,
                    format!("the summary sample {name} needs a 'quantile' label with a number"),
                ));
            }
        }
        _ => {}
    }
    if exemplar.is_some()
        && !matches!(
            (kind, suffix),
            (MetricKind::Counter, "_total")
                | (
                    MetricKind::Histogram | MetricKind::GaugeHistogram,
                    "_bucket"
                )
        )
    {
        return Err(LineError::new(
            n,
            1,
            "exemplars belong only on counter totals and histogram buckets",
        ));
    }
    families.list[family].samples.push(MetricSample {
        name: name.to_owned(),
        labels,
        value,
        timestamp,
        exemplar,
    });
    Ok(())
}

/// A bucket bound as the exposition writes it.
fn le_text(le: f64) -> String {
    float_text::text(le).map_or_else(|| le.to_string(), str::to_owned)
}

/// Checks one bucket against the buckets of its series read so far.
fn check_bucket(
    families: &mut Families,
    family: usize,
    labels: &[(String, String)],
    le: f64,
    count: f64,
    n: usize,
) -> Result<(), LineError> {
    if count.is_nan() || count < 0.0 {
        return Err(LineError::new(
            n,
            1,
            "a bucket count must be a number of zero or more",
        ));
    }
    let series = || labels.iter().filter(|(k, _)| k != "le");
    let same = |run: &BucketRun| run.family == family && series().eq(run.labels.iter());
    let index = match families.last_run.filter(|&i| same(&families.runs[i])) {
        Some(i) => i,
        None => {
            let written: Vec<(String, String)> = series().cloned().collect();
            let mut key = written.clone();
            key.sort();
            let next = families.runs.len();
            let i = *families.run_index.entry((family, key)).or_insert(next);
            if i == next {
                families.runs.push(BucketRun {
                    family,
                    labels: Vec::new(),
                    first_line: n,
                    last_le: f64::NEG_INFINITY,
                    last_count: 0.0,
                    has_inf: false,
                });
            }
            families.runs[i].labels = written;
            i
        }
    };
    families.last_run = Some(index);
    let run = &mut families.runs[index];
    if run.has_inf || le <= run.last_le {
        return Err(LineError::new(
            n,
            1,
            format!(
                "buckets must come in increasing order of le: le={} after le={}",
                le_text(le),
                le_text(run.last_le)
            ),
        ));
    }
    // Counts within rounding noise of the highest so far are not a fall (Prometheus'
    // correctPrecisionErrors uses the same relative tolerance).
    let falls =
        count < run.last_count && (run.last_count - count) / run.last_count > COUNT_TOLERANCE;
    let message = falls.then(|| {
        format!(
            "bucket counts should be cumulative: {count} at le={} is below {} at a lower le; \
             quantiles read it as {}, as Prometheus' histogram_quantile does",
            le_text(le),
            run.last_count,
            run.last_count
        )
    });
    run.last_le = le;
    run.last_count = run.last_count.max(count);
    run.has_inf = le == f64::INFINITY;
    if let Some(message) = message {
        if families.warnings.len() < MAX_REPORTED {
            families.warnings.push(Warning { line: n, message });
        } else {
            families.warnings_past_cap += 1;
        }
    }
    Ok(())
}

/// An OpenMetrics timestamp (of a sample or an exemplar): finite seconds.
fn value_of_timestamp(text: &str) -> Option<f64> {
    parse_number(text).filter(|t| t.is_finite())
}

#[cfg(test)]
mod tests;
