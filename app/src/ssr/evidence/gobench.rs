//! The Go benchmark data format, as `golang.org/x/perf/benchfmt` reads it: `key: value`
//! configuration lines that hold until changed (an empty value removes the key), and result
//! lines `BenchmarkName[/sub][-N] iterations value unit [value unit ...]`. Repeated lines
//! (`-count`) are samples of the same benchmark. Anything else (PASS, ok, logs) is skipped
//! and reported.

use crate::ssr::stats::benchunit;
use serde::{Deserialize, Serialize};

use super::{
    LineError, LineErrors, MAX_CONFIGURATIONS, MAX_UNITS, NO_CONFIG, ParseFailure, ParserOutput,
    Results, SeriesBuilder, Skips, numbered_lines,
};

/// Whether `line` is a configuration line, and its key and value.
/// The key starts with a lower-case letter and holds no space and no upper-case letter.
pub fn config_line(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    let first = key.chars().next()?;
    if !first.is_lowercase() || key.chars().any(|c| c.is_whitespace() || c.is_uppercase()) {
        return None;
    }
    let value = &line[colon + 1..];
    if !value.is_empty() && !value.starts_with([' ', '\t']) {
        return None;
    }
    Some((key, value.trim()))
}

/// The fields of a line split at white space, each with its 1-based column.
fn fields(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split_ascii_whitespace()
        .map(move |f| (f.as_ptr() as usize - line.as_ptr() as usize + 1, f))
}

/// Reads a number as Go's benchmark output writes it.
fn number(text: &str) -> Option<f64> {
    match text {
        "NaN" | "+Inf" | "-Inf" | "Inf" | "inf" | "nan" => None,
        _ => text.parse::<f64>().ok().filter(|v| v.is_finite()),
    }
}

/// One sub-benchmark part of a name: `key=value`, or a positional value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamePart {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub value: String,
}

/// A Go benchmark name read into its parts, as benchfmt does: the base name without
/// `Benchmark`, the `/`-separated sub-benchmark parts, and the `-N` GOMAXPROCS suffix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameParts {
    pub base: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<NamePart>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gomaxprocs: Option<u32>,
}

/// Reads `BenchmarkName[/sub...][-N]` into its parts.
pub fn name_parts(name: &str) -> NameParts {
    let name = name.strip_prefix("Benchmark").unwrap_or(name);
    let (name, gomaxprocs) = match name.rsplit_once('-') {
        Some((rest, n))
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty() =>
        {
            match n.parse::<u32>() {
                Ok(n) => (rest, Some(n)),
                Err(_) => (name, None),
            }
        }
        _ => (name, None),
    };
    let mut pieces = name.split('/');
    let base = pieces.next().unwrap_or_default().to_owned();
    let parts = pieces
        .map(|piece| match piece.split_once('=') {
            Some((key, value)) => NamePart {
                key: Some(key.to_owned()),
                value: value.to_owned(),
            },
            None => NamePart {
                key: None,
                value: piece.to_owned(),
            },
        })
        .collect();
    NameParts {
        base,
        parts,
        gomaxprocs,
    }
}

/// The most configuration keys in effect at once.
pub const MAX_CONFIG_KEYS: usize = 64;

/// The longest configuration key or value, in bytes.
pub const MAX_CONFIG_TEXT: usize = 512;

/// Whether `line` is a `Unit <unit> key=value...` metadata line: a unit and at least one
/// `key=value` pair, nothing else (so that a log line such as "Unit tests passed" is
/// skipped, not misread).
fn is_unit_line(line: &str) -> bool {
    let mut words = line.split_ascii_whitespace();
    if words.next() != Some("Unit") || words.next().is_none() {
        return false;
    }
    let mut pairs = words.peekable();
    pairs.peek().is_some()
        && pairs.all(|w| w.split_once('=').is_some_and(|(key, _)| !key.is_empty()))
}

/// Reads a unit metadata line (see [`is_unit_line`]). Only `assume` changes what Tradeoff
/// computes (`exact` or `nothing`); other keys, such as `better`, are read and kept out.
/// `assume` set twice to different values is an error, as benchfmt reports it.
fn unit_line(
    line: &str,
    n: usize,
    exact_units: &mut rustc_hash::FxHashMap<String, bool>,
    errors: &mut LineErrors,
) {
    let mut words = fields(line).skip(1);
    let Some((_, unit)) = words.next() else {
        return;
    };
    let tidy = benchunit::tidy(unit).0;
    for (column, pair) in words {
        let Some(("assume", value)) = pair.split_once('=') else {
            continue;
        };
        let exact = match value {
            "exact" => true,
            "nothing" => false,
            other => {
                errors.push(LineError::new(
                    n,
                    column,
                    format!("assume={other}: expected assume=exact or assume=nothing"),
                ));
                continue;
            }
        };
        if exact_units.len() >= MAX_UNITS && !exact_units.contains_key(&tidy) {
            errors.push(LineError::new(
                n,
                1,
                format!("more than {MAX_UNITS} units with metadata"),
            ));
            return;
        }
        match exact_units.insert(tidy.clone(), exact) {
            Some(before) if before != exact => errors.push(LineError::new(
                n,
                column,
                format!("the assume metadata of unit {unit} was already set otherwise"),
            )),
            _ => {}
        }
    }
}

/// Reads Go benchmark text.
pub fn parse(text: &str) -> ParserOutput {
    let mut builder = SeriesBuilder::default();
    let mut config: Vec<(String, String)> = Vec::new();
    // The id of `config`, looked up when a result line first needs it after a change.
    let mut config_id = Some(NO_CONFIG);
    let mut skipped = Skips::default();
    let mut errors = LineErrors::default();
    // Units (tidied, as benchfmt keys them) whose `assume` metadata says exact or not.
    let mut exact_units: rustc_hash::FxHashMap<String, bool> = Default::default();
    let mut lines_read = 0;
    for (n, line) in numbered_lines(text) {
        lines_read = n;
        if let Some(rest) = line.strip_prefix("Benchmark") {
            let mut parts = fields(line);
            let Some((_, name)) = parts.next() else {
                continue;
            };
            // "Benchmark" followed by a lower-case letter is a word, not a benchmark.
            if rest.starts_with(|c: char| c.is_lowercase()) {
                skipped.push(n, "not a benchmark name");
                continue;
            }
            let Some((column, iterations)) = parts.next() else {
                skipped.push(n, "a benchmark name without results (a log line)");
                continue;
            };
            if iterations.parse::<u64>().is_err() {
                errors.push(LineError::new(
                    n,
                    column,
                    format!("the iteration count '{iterations}' is not a whole number"),
                ));
                continue;
            }
            let config_id = match config_id {
                Some(id) => id,
                None => match builder.config_id(&config) {
                    Some(id) => *config_id.insert(id),
                    None => {
                        errors.push(LineError::new(
                            n,
                            1,
                            format!(
                                "more than {MAX_CONFIGURATIONS} different configurations in one \
                                 piece of evidence"
                            ),
                        ));
                        continue;
                    }
                },
            };
            let group = builder.group(name, config_id);
            let mut measured = 0;
            let mut bad = false;
            while let Some((column, value)) = parts.next() {
                let Some(value) = number(value) else {
                    errors.push(LineError::new(
                        n,
                        column,
                        format!("'{value}' is not a measurement"),
                    ));
                    bad = true;
                    break;
                };
                let Some((_, unit)) = parts.next() else {
                    errors.push(LineError::new(
                        n,
                        line.len() + 1,
                        "a measurement without a unit",
                    ));
                    bad = true;
                    break;
                };
                if !builder.add_to(group, name, config_id, unit, value) {
                    errors.push(LineError::new(
                        n,
                        column,
                        format!("more than {MAX_UNITS} units for one benchmark"),
                    ));
                    bad = true;
                    break;
                }
                measured += 1;
            }
            if !bad && measured == 0 {
                errors.push(LineError::new(
                    n,
                    line.len() + 1,
                    "a result line without measurements",
                ));
            }
        } else if let Some((key, value)) = config_line(line) {
            if key.len() > MAX_CONFIG_TEXT || value.len() > MAX_CONFIG_TEXT {
                errors.push(LineError::new(
                    n,
                    1,
                    format!("a configuration key or value longer than {MAX_CONFIG_TEXT} bytes"),
                ));
                continue;
            }
            config.retain(|(k, _)| k != key);
            if !value.is_empty() {
                if config.len() >= MAX_CONFIG_KEYS {
                    errors.push(LineError::new(
                        n,
                        1,
                        format!("more than {MAX_CONFIG_KEYS} configuration keys at once"),
                    ));
                    continue;
                }
                config.push((key.to_owned(), value.to_owned()));
                config.sort();
            }
            config_id = None;
        } else if is_unit_line(line) {
            unit_line(line, n, &mut exact_units, &mut errors);
        } else if !line.trim().is_empty() {
            let reason = match line.split_ascii_whitespace().next().unwrap_or_default() {
                "PASS" | "FAIL" => "test status line",
                "ok" => "package summary line",
                "Unit" => "not unit metadata (Unit <unit> key=value...)",
                word if word.starts_with("---") || word.starts_with("===") => "test log line",
                _ => "not a benchmark or configuration line",
            };
            skipped.push(n, reason);
        }
    }
    if !errors.is_empty() {
        return Err(ParseFailure::Errors(errors.finish()));
    }
    let mut results = builder.finish();
    for r in &mut results {
        r.parts = Some(name_parts(&r.name));
        r.exact = exact_units.get(&benchunit::tidy(&r.unit).0) == Some(&true);
    }
    Ok((
        super::line_count(text).min(lines_read),
        Results::Benchmarks(results),
        skipped.finish(),
        Vec::new(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::evidence::{BenchResult, Skipped};

    fn benchmarks(text: &str) -> (Vec<BenchResult>, Vec<Skipped>) {
        match parse(text).unwrap() {
            (_, Results::Benchmarks(b), skipped, _) => (b, skipped),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn results_configuration_and_samples() {
        let text = "goos: linux\ngoarch: amd64\npkg: example.com/p\ncpu: Intel(R) Xeon(R)\nBenchmarkParse-8   \t 1000\t  1200 ns/op\t  64 B/op\t 2 allocs/op\nBenchmarkParse-8 1000 1210 ns/op 64 B/op 2 allocs/op\nBenchmarkParse/json/size=1KB-8 500 3.5e3 ns/op 12.5 MB/s 7 custom-units\nPASS\nok  \texample.com/p\t1.234s\n";
        let (results, skipped) = benchmarks(text);
        let parse_ns = &results[0];
        assert_eq!(
            (parse_ns.name.as_str(), parse_ns.unit.as_str()),
            ("BenchmarkParse-8", "ns/op")
        );
        assert_eq!(parse_ns.samples, [1200.0, 1210.0]);
        assert_eq!(
            *parse_ns.config,
            [
                ("cpu".into(), "Intel(R) Xeon(R)".into()),
                ("goarch".into(), "amd64".into()),
                ("goos".into(), "linux".into()),
                ("pkg".into(), "example.com/p".into())
            ]
        );
        let units: Vec<_> = results
            .iter()
            .map(|r| (r.name.as_str(), r.unit.as_str()))
            .collect();
        assert_eq!(
            units,
            [
                ("BenchmarkParse-8", "ns/op"),
                ("BenchmarkParse-8", "B/op"),
                ("BenchmarkParse-8", "allocs/op"),
                ("BenchmarkParse/json/size=1KB-8", "ns/op"),
                ("BenchmarkParse/json/size=1KB-8", "MB/s"),
                ("BenchmarkParse/json/size=1KB-8", "custom-units"),
            ]
        );
        assert_eq!(skipped.iter().map(|s| s.line).collect::<Vec<_>>(), [8, 9]);
    }

    #[test]
    fn configuration_holds_until_changed_or_removed() {
        let text = "cpu: a\nBenchmarkX 1 1 ns/op\ncpu: b\nBenchmarkX 1 2 ns/op\ncpu:\nBenchmarkX 1 3 ns/op\ncpu: a\nBenchmarkX 1 4 ns/op\n";
        let (results, _) = benchmarks(text);
        assert_eq!(results.len(), 3);
        assert_eq!(
            results[0].samples,
            [1.0, 4.0],
            "the same configuration again joins its series"
        );
        assert!(results[2].config.is_empty());
    }

    #[test]
    fn malformed_result_lines_are_errors_with_their_column() {
        let text = "BenchmarkA 100 5 ns/op\nBenchmarkB many 5 ns/op\nBenchmarkC 100 five ns/op\nBenchmarkD 100 5\nBenchmarkE 100\n";
        let Err(ParseFailure::Errors(errors)) = parse(text) else {
            panic!()
        };
        let at: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(2, 12), (3, 16), (4, 17), (5, 15)]);
    }

    #[test]
    fn names_are_read_into_parts() {
        let parts = name_parts("BenchmarkEncode/json/size=1KB-8");
        assert_eq!(parts.base, "Encode");
        assert_eq!(
            parts.parts,
            [
                NamePart {
                    key: None,
                    value: "json".into()
                },
                NamePart {
                    key: Some("size".into()),
                    value: "1KB".into()
                }
            ]
        );
        assert_eq!(parts.gomaxprocs, Some(8));
        assert_eq!(name_parts("BenchmarkX-y").gomaxprocs, None);
        assert_eq!(name_parts("BenchmarkX").base, "X");
    }

    #[test]
    fn words_and_logs_are_skipped_not_results() {
        let (results, skipped) = benchmarks(
            "Benchmarking is fun\nBenchmarkOnlyName\n--- BENCH: BenchmarkX\nBenchmarkX 1 1 ns/op\n",
        );
        assert_eq!(results.len(), 1);
        assert_eq!(skipped.len(), 3);
        assert!(config_line("Key: value").is_none());
        assert!(config_line("key:value").is_none());
        assert_eq!(config_line("cpu-model: x"), Some(("cpu-model", "x")));
    }

    #[test]
    fn runs_of_skipped_lines_become_ranges_and_the_list_is_capped() {
        let (_, skipped) = benchmarks("PASS\nPASS\nPASS\nok x 1s\nBenchmarkX 1 1 ns/op\nPASS\n");
        assert_eq!(
            skipped
                .iter()
                .map(|s| (s.line, s.last_line, s.lines()))
                .collect::<Vec<_>>(),
            [(1, Some(3), 3), (4, None, 1), (6, None, 1)]
        );
        let junk = "PASS\nok\n".repeat(1_500) + "BenchmarkX 1 1 ns/op\n";
        let (_, skipped) = benchmarks(&junk);
        assert_eq!(skipped.len(), crate::ssr::evidence::MAX_REPORTED + 1);
        let last = skipped.last().unwrap();
        assert_eq!((last.line, last.last_line), (1_001, Some(3_000)));
        assert_eq!(skipped.iter().map(Skipped::lines).sum::<usize>(), 3_000);
        assert!(
            last.reason.starts_with("2000 more skipped lines"),
            "{}",
            last.reason
        );
    }

    #[test]
    fn configurations_and_units_are_bounded() {
        let mut text = String::new();
        for i in 0..1_001 {
            text.push_str(&format!("run: {i}\nBenchmarkX 1 1 ns/op\n"));
        }
        let Err(ParseFailure::Errors(errors)) = parse(&text) else {
            panic!()
        };
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].line, 2_000);
        assert!(
            errors[0]
                .reason
                .contains("more than 1000 different configurations")
        );
        // Changing configuration without results in between costs nothing.
        let mut text = String::new();
        for i in 0..5_000 {
            text.push_str(&format!("run: {i}\n"));
        }
        text.push_str("BenchmarkX 1 1 ns/op\n");
        assert_eq!(
            *benchmarks(&text).0[0].config,
            [("run".into(), "4999".into())]
        );

        let units: String = (0..65).map(|i| format!(" 1 u{i}")).collect();
        let Err(ParseFailure::Errors(errors)) = parse(&format!("BenchmarkX 1{units}\n")) else {
            panic!()
        };
        assert!(
            errors[0].reason.contains("more than 64 units"),
            "{errors:?}"
        );

        let long = format!("key: {}\nBenchmarkX 1 1 ns/op\n", "v".repeat(513));
        let Err(ParseFailure::Errors(errors)) = parse(&long) else {
            panic!()
        };
        assert_eq!(errors[0].line, 1);
        let keys: String = (0..65).map(|i| format!("k{i}: v\n")).collect();
        let Err(ParseFailure::Errors(errors)) = parse(&keys) else {
            panic!()
        };
        assert_eq!(errors[0].line, 65);
    }

    #[test]
    fn bad_lines_past_the_cap_are_counted() {
        let text = "BenchmarkX x 1 ns/op\n".repeat(1_200);
        let Err(ParseFailure::Errors(errors)) = parse(&text) else {
            panic!()
        };
        assert_eq!(errors.len(), 1_001);
        assert_eq!(errors[1_000].line, 1_001);
        assert!(errors[1_000].reason.starts_with("200 more bad lines"));
    }

    #[test]
    fn unit_lines_declare_exact_units() {
        let (results, skipped) = benchmarks(
            "Unit B assume=exact better=lower\nUnit ns/op assume=nothing\nBenchmarkX 1 5 B 7 ns/op\n",
        );
        assert!(skipped.is_empty(), "Unit lines are read, not skipped");
        assert_eq!(
            results
                .iter()
                .map(|r| (r.unit.as_str(), r.exact))
                .collect::<Vec<_>>(),
            [("B", true), ("ns/op", false)]
        );
        // benchfmt keys metadata by tidied unit: MB declares B.
        assert!(benchmarks("Unit MB assume=exact\nBenchmarkX 1 5 B\n").0[0].exact);
        // Lines that only start with the word are log lines.
        let (_, skipped) = benchmarks("Unit\nUnit tests passed\nUnit B\nBenchmarkX 1 5 B\n");
        assert_eq!(skipped.iter().map(Skipped::lines).sum::<usize>(), 3);
        for (text, column) in [
            ("Unit B assume=maybe\n", 8),
            ("Unit B assume=exact\nUnit B assume=nothing\n", 8),
        ] {
            let Err(ParseFailure::Errors(errors)) = parse(text) else {
                panic!("{text:?}")
            };
            assert_eq!(errors[0].column, column, "{text:?}: {errors:?}");
        }
    }
}
