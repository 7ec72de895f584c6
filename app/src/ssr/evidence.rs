//! Evidence: benchmark and metrics output attached to an ADR, read by one parser per format.
//! Every parser reports the lines it read, every line it skipped with the reason, and for
//! input that is not its format, every bad line with its column.

pub mod bencher;
pub mod criterion;
pub mod detect;
pub mod exposition;
pub mod gobench;
pub mod hyperfine;
#[cfg(test)]
mod robustness;

use serde::{Deserialize, Serialize};

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

/// A line a parser passed over, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
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

/// One benchmark measured in one unit, with every sample of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchResult {
    /// The name as the input wrote it (`BenchmarkParse-8`, `parse/json`, a command).
    pub name: String,
    /// The unit as the input wrote it (`ns/op`, `ns/iter`, `ns`, `s`, `B/op`, ...).
    pub unit: String,
    pub samples: Vec<f64>,
    /// The configuration in effect for these samples (`goos`, `cpu`, ...), sorted by key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub config: Vec<(String, String)>,
    /// A Go benchmark name read into its parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<gobench::NameParts>,
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

/// A successful read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub format: Format,
    pub lines_read: usize,
    pub results: Results,
    pub skipped: Vec<Skipped>,
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
    /// Auto-detection recognised no format.
    Unrecognised,
}

/// Reads `text` as `format`.
pub fn parse(format: Format, text: &str) -> Result<Parsed, ParseFailure> {
    let (lines_read, results, skipped) = match format {
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
    })
}

/// What each format's parser returns: lines read, results, skipped lines.
pub type ParserOutput = Result<(usize, Results, Vec<Skipped>), ParseFailure>;

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

/// Collects samples into series keyed by name, unit and configuration, in the order the
/// series first appear. Keys borrow from the input, so adding a sample allocates nothing;
/// one hash lookup per result line finds the benchmark, whose few units are scanned.
#[derive(Default)]
pub struct SeriesBuilder<'a> {
    groups: rustc_hash::FxHashMap<(&'a str, usize), usize>,
    /// Per benchmark and configuration: its units and their series.
    units: Vec<Vec<(&'a str, usize)>>,
    configs: Vec<Vec<(String, String)>>,
    series: Vec<(&'a str, &'a str, usize, Vec<f64>)>,
}

impl<'a> SeriesBuilder<'a> {
    /// The id of a configuration, the same for equal configurations.
    pub fn config_id(&mut self, config: &[(String, String)]) -> usize {
        match self.configs.iter().position(|c| c == config) {
            Some(id) => id,
            None => {
                self.configs.push(config.to_vec());
                self.configs.len() - 1
            }
        }
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

    /// Adds a sample in `unit` to a group from [`Self::group`].
    pub fn add_to(
        &mut self,
        group: usize,
        name: &'a str,
        config: usize,
        unit: &'a str,
        value: f64,
    ) {
        let slot = match self.units[group].iter().find(|(u, _)| *u == unit) {
            Some((_, slot)) => *slot,
            None => {
                self.series.push((name, unit, config, Vec::new()));
                let slot = self.series.len() - 1;
                self.units[group].push((unit, slot));
                slot
            }
        };
        self.series[slot].3.push(value);
    }

    pub fn add(&mut self, name: &'a str, unit: &'a str, config: usize, value: f64) {
        let group = self.group(name, config);
        self.add_to(group, name, config, unit, value);
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
            })
            .collect()
    }
}
