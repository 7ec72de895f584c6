//! Evidence: benchmark and metrics output attached to an ADR, read by one parser per format.
//! Every parser reports the lines it read, every line it skipped with the reason, and for
//! input that is not its format, every bad line with its column.

pub mod bencher;
pub mod criterion;
pub mod detect;
pub mod exposition;
pub mod gobench;
pub mod hyperfine;
pub mod packed;
#[cfg(test)]
mod robustness;

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A configuration (`goos`, `cpu`, ...), sorted by key. Shared: every result measured under
/// one configuration holds the same one, so reading 60,000 results back copies no strings.
pub type Config = Arc<[(String, String)]>;

/// The formats Tradeoff reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    #[serde(rename = "gobench")]
    GoBench,
    #[serde(rename = "bencher")]
    Bencher,
    #[serde(rename = "criterion-json")]
    CriterionJson,
    #[serde(rename = "hyperfine-json")]
    HyperfineJson,
    #[serde(rename = "prometheus")]
    Prometheus,
    #[serde(rename = "openmetrics")]
    OpenMetrics,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::GoBench,
        Format::Bencher,
        Format::CriterionJson,
        Format::HyperfineJson,
        Format::Prometheus,
        Format::OpenMetrics,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::GoBench => "gobench",
            Format::Bencher => "bencher",
            Format::CriterionJson => "criterion-json",
            Format::HyperfineJson => "hyperfine-json",
            Format::Prometheus => "prometheus",
            Format::OpenMetrics => "openmetrics",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::GoBench => "Go benchmark format",
            Format::Bencher => "libtest/criterion bencher lines",
            Format::CriterionJson => "cargo-criterion JSON",
            Format::HyperfineJson => "hyperfine JSON",
            Format::Prometheus => "Prometheus text format 0.0.4",
            Format::OpenMetrics => "OpenMetrics 1.0",
        }
    }

    pub fn parse(text: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == text)
    }

    /// Whether the format holds metrics rather than benchmarks.
    pub fn is_metrics(self) -> bool {
        matches!(self, Format::Prometheus | Format::OpenMetrics)
    }
}

/// A line a parser passed over, and why; with `last_line`, a run of consecutive lines
/// passed over for the same reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub line: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_line: Option<usize>,
    pub reason: String,
}

impl Skipped {
    /// How many lines the entry covers.
    pub fn lines(&self) -> usize {
        self.last_line.map_or(1, |last| last + 1 - self.line)
    }
}

/// The most entries a skipped list or an error list holds; past it, the rest are counted
/// in one closing entry, so that megabytes of log lines cannot turn into a report larger than
/// the evidence.
pub const MAX_REPORTED: usize = 1_000;

/// Collects skipped lines compactly: consecutive lines skipped for the same reason become
/// one entry, and entries past [`MAX_REPORTED`] fold into one closing entry that still
/// names the first and last line it covers.
#[derive(Default)]
pub struct Skips {
    list: Vec<Skipped>,
    /// Past the cap: first line, last line, number of lines.
    rest: Option<(usize, usize, usize)>,
}

impl Skips {
    pub fn push(&mut self, line: usize, reason: &str) {
        if let Some((_, last, count)) = &mut self.rest {
            *last = line;
            *count += 1;
            return;
        }
        if let Some(previous) = self.list.last_mut()
            && previous.reason == reason
            && previous.last_line.unwrap_or(previous.line) + 1 == line
        {
            previous.last_line = Some(line);
            return;
        }
        if self.list.len() < MAX_REPORTED {
            self.list.push(Skipped {
                line,
                last_line: None,
                reason: reason.to_owned(),
            });
        } else {
            self.rest = Some((line, line, 1));
        }
    }

    pub fn finish(mut self) -> Vec<Skipped> {
        if let Some((first, last, count)) = self.rest {
            self.list.push(Skipped {
                line: first,
                last_line: (last > first).then_some(last),
                reason: format!(
                    "{count} more skipped lines, not listed one by one (the list stops at \
                     {MAX_REPORTED} entries)"
                ),
            });
        }
        self.list
    }
}

/// Collects the bad lines of an input: the first [`MAX_REPORTED`] in full, then a count.
#[derive(Default)]
pub struct LineErrors {
    list: Vec<LineError>,
    /// Past the cap: the first unlisted bad line and how many there were.
    rest: Option<(usize, usize)>,
}

impl LineErrors {
    pub fn push(&mut self, error: LineError) {
        match &mut self.rest {
            Some((_, count)) => *count += 1,
            None if self.list.len() < MAX_REPORTED => self.list.push(error),
            None => self.rest = Some((error.line, 1)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn finish(mut self) -> Vec<LineError> {
        if let Some((line, count)) = self.rest {
            self.list.push(LineError::new(
                line,
                1,
                format!(
                    "{count} more bad lines from here on, not listed (the list stops at \
                     {MAX_REPORTED})"
                ),
            ));
        }
        self.list
    }
}

/// A line that breaks the format: 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineError {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl LineError {
    pub fn new(line: usize, column: usize, reason: impl Into<String>) -> Self {
        LineError {
            line,
            column,
            reason: reason.into(),
        }
    }
}

fn is_empty(config: &Config) -> bool {
    config.is_empty()
}

/// One benchmark measured in one unit, with every sample of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchResult {
    /// The name as the input wrote it (`BenchmarkParse-8`, `parse/json`, a command).
    pub name: String,
    /// The unit as the input wrote it (`ns/op`, `ns/iter`, `ns`, `s`, `B/op`, ...).
    pub unit: String,
    pub samples: Vec<f64>,
    /// The configuration in effect for these samples.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub config: Config,
    /// A Go benchmark name read into its parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<gobench::NameParts>,
    /// The unit was declared `assume=exact` (a `Unit` line): measured without noise, so
    /// summarized by its value and compared without a statistical test, as benchstat does.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exact: bool,
}

/// What a parser read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "results", rename_all = "snake_case")]
pub enum Results {
    Benchmarks(Vec<BenchResult>),
    Metrics(Vec<exposition::MetricFamily>),
}

impl Results {
    pub fn is_empty(&self) -> bool {
        match self {
            Results::Benchmarks(b) => b.is_empty(),
            Results::Metrics(m) => m.is_empty(),
        }
    }
}

/// A successful read. As JSON, `kind` (`benchmarks` or `metrics`) and `results` sit beside
/// `format`, `lines_read` and `skipped`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub format: Format,
    pub lines_read: usize,
    #[serde(flatten)]
    pub results: Results,
    pub skipped: Vec<Skipped>,
    /// Lines that were read as they are but that a reader should know about (histogram
    /// buckets whose counts fall, which Prometheus also accepts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// Something about a line that was read: what it is and what was made of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub line: usize,
    pub message: String,
}

/// What an upload's answer says of what was read: how many names, series and samples, in
/// which units, and the skipped lines and warnings. Every sample stays at
/// `GET /api/v1/evidence/{id}`; echoing them made an answer as large as the upload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadSummary {
    pub format: Format,
    pub lines_read: usize,
    /// `benchmarks` or `metrics`.
    pub kind: String,
    /// Benchmarks, or metric families.
    pub names: usize,
    /// Benchmark results (a benchmark in one unit), or metric samples.
    pub series: usize,
    /// Every value read: the runs of every benchmark result, or the metric samples.
    pub samples: usize,
    /// The benchmark units, or the units metric families declare, sorted.
    pub units: Vec<String>,
    pub skipped: Vec<Skipped>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

impl Parsed {
    /// The summary an upload answers with.
    pub fn summary(&self) -> ReadSummary {
        let (kind, names, series, samples, units) = match &self.results {
            Results::Benchmarks(results) => {
                let names: std::collections::HashSet<&str> =
                    results.iter().map(|r| r.name.as_str()).collect();
                let units: std::collections::BTreeSet<&str> =
                    results.iter().map(|r| r.unit.as_str()).collect();
                let samples = results.iter().map(|r| r.samples.len()).sum();
                ("benchmarks", names.len(), results.len(), samples, units)
            }
            Results::Metrics(families) => {
                let units: std::collections::BTreeSet<&str> =
                    families.iter().filter_map(|f| f.unit.as_deref()).collect();
                let samples = families.iter().map(|f| f.samples.len()).sum();
                ("metrics", families.len(), samples, samples, units)
            }
        };
        ReadSummary {
            format: self.format,
            lines_read: self.lines_read,
            kind: kind.to_owned(),
            names,
            series,
            samples,
            units: units.into_iter().map(str::to_owned).collect(),
            skipped: self.skipped.clone(),
            warnings: self.warnings.clone(),
        }
    }
}

/// Why a read failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ParseFailure {
    /// The text is not in the format: every bad line, first first.
    Errors(Vec<LineError>),
    /// The text was read but holds no benchmark result or sample.
    NoResults {
        lines_read: usize,
        skipped: Vec<Skipped>,
    },
}

/// Reads `text` as `format`.
pub fn parse(format: Format, text: &str) -> Result<Parsed, ParseFailure> {
    let (lines_read, results, skipped, warnings) = match format {
        Format::GoBench => gobench::parse(text)?,
        Format::Bencher => bencher::parse(text)?,
        Format::CriterionJson => criterion::parse(text)?,
        Format::HyperfineJson => hyperfine::parse(text)?,
        Format::Prometheus => exposition::parse(text, exposition::Dialect::Prometheus)?,
        Format::OpenMetrics => exposition::parse(text, exposition::Dialect::OpenMetrics)?,
    };
    if results.is_empty() {
        return Err(ParseFailure::NoResults {
            lines_read,
            skipped,
        });
    }
    Ok(Parsed {
        format,
        lines_read,
        results,
        skipped,
        warnings,
    })
}

/// What each format's parser returns: lines read, results, skipped lines, warnings.
pub type ParserOutput = Result<(usize, Results, Vec<Skipped>, Vec<Warning>), ParseFailure>;

/// The lines of `text` with their 1-based numbers, without line terminators.
pub fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
}

/// The number of lines in `text`, not counting a final empty line after a newline.
pub fn line_count(text: &str) -> usize {
    let n = text.split('\n').count();
    if text.ends_with('\n') { n - 1 } else { n }
}

/// The id of the empty configuration in every [`SeriesBuilder`].
pub const NO_CONFIG: usize = 0;

/// The most distinct configurations one piece of evidence may hold.
pub const MAX_CONFIGURATIONS: usize = 1_000;

/// The most units one benchmark may be measured in.
pub const MAX_UNITS: usize = 64;

/// Collects samples into series keyed by name, unit and configuration, in the order the
/// series first appear. Keys borrow from the input, so adding a sample allocates nothing;
/// one hash lookup per result line finds the benchmark, whose few units (at most
/// [`MAX_UNITS`]) are scanned.
pub struct SeriesBuilder<'a> {
    groups: rustc_hash::FxHashMap<(&'a str, usize), usize>,
    /// Per benchmark and configuration: its units and their series.
    units: Vec<Vec<(&'a str, usize)>>,
    config_ids: rustc_hash::FxHashMap<Vec<(String, String)>, usize>,
    configs: Vec<Config>,
    series: Vec<(&'a str, &'a str, usize, Vec<f64>)>,
}

impl Default for SeriesBuilder<'_> {
    fn default() -> Self {
        let mut config_ids = rustc_hash::FxHashMap::default();
        config_ids.insert(Vec::new(), NO_CONFIG);
        SeriesBuilder {
            groups: Default::default(),
            units: Vec::new(),
            config_ids,
            configs: vec![Config::default()],
            series: Vec::new(),
        }
    }
}

impl<'a> SeriesBuilder<'a> {
    /// The id of a configuration, the same for equal configurations; `None` once
    /// [`MAX_CONFIGURATIONS`] distinct ones are known and this is another.
    pub fn config_id(&mut self, config: &[(String, String)]) -> Option<usize> {
        if let Some(id) = self.config_ids.get(config) {
            return Some(*id);
        }
        if self.configs.len() >= MAX_CONFIGURATIONS {
            return None;
        }
        let id = self.configs.len();
        self.configs.push(config.into());
        self.config_ids.insert(config.to_vec(), id);
        Some(id)
    }

    /// The group of benchmark `name` under configuration `config`, for [`Self::add_to`].
    pub fn group(&mut self, name: &'a str, config: usize) -> usize {
        let next = self.units.len();
        let group = *self.groups.entry((name, config)).or_insert(next);
        if group == next {
            self.units.push(Vec::new());
        }
        group
    }

    /// Adds a sample in `unit` to a group from [`Self::group`]; false, adding nothing, when
    /// the benchmark already has [`MAX_UNITS`] units and this is another.
    #[must_use]
    pub fn add_to(
        &mut self,
        group: usize,
        name: &'a str,
        config: usize,
        unit: &'a str,
        value: f64,
    ) -> bool {
        let slot = match self.units[group].iter().find(|(u, _)| *u == unit) {
            Some((_, slot)) => *slot,
            None if self.units[group].len() >= MAX_UNITS => return false,
            None => {
                self.series.push((name, unit, config, Vec::new()));
                let slot = self.series.len() - 1;
                self.units[group].push((unit, slot));
                slot
            }
        };
        self.series[slot].3.push(value);
        true
    }

    /// [`Self::group`] and [`Self::add_to`] in one.
    #[must_use]
    pub fn add(&mut self, name: &'a str, unit: &'a str, config: usize, value: f64) -> bool {
        let group = self.group(name, config);
        self.add_to(group, name, config, unit, value)
    }

    pub fn finish(self) -> Vec<BenchResult> {
        let configs = self.configs;
        self.series
            .into_iter()
            .map(|(name, unit, config, samples)| BenchResult {
                name: name.to_owned(),
                unit: unit.to_owned(),
                samples,
                config: configs.get(config).cloned().unwrap_or_default(),
                parts: None,
                exact: false,
            })
            .collect()
    }
}
