//! Comparisons checked against what benchstat printed for the same files
//! (`app/tests/fixtures/benchstat`, with the commands in its README).

use super::*;
use crate::ssr::evidence::{Results, gobench};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/benchstat");

fn side(file: &str) -> Side<'static> {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{file}")).expect("fixture");
    let (_, Results::Benchmarks(results), _, _) = gobench::parse(&text).expect("parses") else {
        panic!()
    };
    Side::owned(file, results)
}

const SUPERSCRIPTS: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/// The figures of each table row, without footnote marks: `(unit, label, tokens)`.
fn figures(text: &str) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    let mut unit = String::new();
    let mut header = 0;
    for line in text.lines() {
        if line.contains('│') {
            header += 1;
            if header % 2 == 0 {
                unit = line.split('│').nth(1).unwrap_or_default().trim().to_owned();
            }
            continue;
        }
        let tokens: Vec<String> = line
            .split_whitespace()
            .filter(|t| !t.chars().all(|c| SUPERSCRIPTS.contains(c)))
            .map(str::to_owned)
            .collect();
        let Some(first) = tokens.first() else {
            continue;
        };
        if first.contains(':')
            || first
                .chars()
                .next()
                .is_some_and(|c| SUPERSCRIPTS.contains(c))
        {
            continue;
        }
        out.push((unit.clone(), first.clone(), tokens[1..].to_vec()));
    }
    out
}

fn notes(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().next().is_some_and(|c| SUPERSCRIPTS.contains(c)))
        .map(|l| {
            l.split_once(' ')
                .map(|(_, m)| m.to_owned())
                .unwrap_or_default()
        })
        .collect()
}

fn check(base: &str, new: &str) {
    let expected = std::fs::read_to_string(format!(
        "{FIXTURES}/{}-vs-{}.benchstat",
        base.trim_end_matches(".txt"),
        new.trim_end_matches(".txt")
    ))
    .unwrap();
    let report = compare(&side(base), &side(new), DEFAULT_ALPHA, &[], Text::Write);
    let want = figures(&expected);
    let got = figures(&report.text);
    assert_eq!(
        got.len(),
        want.len(),
        "rows:\n{}\nvs benchstat:\n{expected}",
        report.text
    );
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "\nours:\n{}\nbenchstat:\n{expected}", report.text);
    }
    for note in notes(&expected) {
        assert!(notes(&report.text).contains(&note), "missing note {note:?}");
    }
}

#[test]
fn ten_samples_with_equal_zero_and_throughput_units() {
    check("old.txt", "new.txt");
}

#[test]
fn too_few_samples_for_intervals() {
    check("few-old.txt", "few-new.txt");
}

#[test]
fn samples_past_the_exact_limits() {
    check("many-old.txt", "many-new.txt");
}

#[test]
fn tied_values() {
    check("ties-old.txt", "ties-new.txt");
}

#[test]
fn units_declared_exact() {
    check("exact-old.txt", "exact-new.txt");
    let report = compare(
        &side("exact-old.txt"),
        &side("exact-new.txt"),
        DEFAULT_ALPHA,
        &[],
        Text::Write,
    );
    let size = &report.rows[0];
    assert_eq!(
        (size.benchmark.as_str(), size.unit.as_str()),
        ("BenchmarkBinarySize", "B")
    );
    assert_eq!(
        (size.median_base, size.median_new),
        (Some(4e6), Some(3.9e6))
    );
    assert_eq!((size.p_value, size.significant), (None, true));
    let object = report
        .rows
        .iter()
        .find(|r| r.benchmark == "BenchmarkObjectSize")
        .unwrap();
    assert_eq!(
        (object.delta_percent, object.significant),
        (Some(0.0), false)
    );
    let time = report.rows.iter().find(|r| r.unit == "ns/op").unwrap();
    assert!(time.p_value.is_some(), "assume=nothing keeps the U test");
}

#[test]
fn rows_carry_input_names_units_and_numbers() {
    let report = compare(
        &side("old.txt"),
        &side("new.txt"),
        DEFAULT_ALPHA,
        &[],
        Text::Write,
    );
    let parse = &report.rows[0];
    assert_eq!(
        (parse.benchmark.as_str(), parse.unit.as_str()),
        ("BenchmarkParse-8", "ns/op")
    );
    assert_eq!((parse.n_base, parse.n_new), (10, 10));
    assert!(parse.significant);
    assert!((parse.delta_percent.unwrap() + 16.56).abs() < 0.005);
    let yaml = report
        .rows
        .iter()
        .find(|r| r.benchmark == "BenchmarkParse/yaml-8" && r.unit == "ns/op")
        .unwrap();
    assert!(!yaml.significant);
    assert!(yaml.ci_base.is_some());
    let throughput = report.rows.iter().find(|r| r.unit == "MB/s").unwrap();
    assert!(
        throughput.median_base.unwrap() > 200.0,
        "medians stay in the input's unit"
    );
    assert_eq!(report.geomean[0].unit, "ns/op");
    assert_eq!(
        format!("{:+.2}", report.geomean[0].delta_percent.unwrap()),
        "-3.14"
    );
    assert!(to_csv(&report).starts_with("benchmark,unit,n_base"));
}

#[test]
fn different_tools_pair_through_the_name_mapping_and_convert_time_units() {
    let go = Side::owned(
        "Go",
        vec![BenchResult {
            name: "BenchmarkParse-8".into(),
            unit: "ns/op".into(),
            samples: vec![1000.0, 1010.0, 990.0, 1005.0, 995.0, 1002.0],
            config: vec![("cpu".into(), "A".into())].into(),
            parts: None,
            exact: false,
        }],
    );
    let rust = Side::owned(
        "Rust",
        vec![BenchResult {
            name: "parse/json".into(),
            unit: "s".into(),
            samples: vec![5e-7, 5.1e-7, 4.9e-7, 5.05e-7, 4.95e-7, 5.02e-7],
            config: vec![("cpu".into(), "B".into())].into(),
            parts: None,
            exact: false,
        }],
    );
    let unpaired = compare(&go, &rust, DEFAULT_ALPHA, &[], Text::Write);
    assert_eq!(
        unpaired.rows.len(),
        2,
        "without a mapping the names do not pair"
    );
    let mapped = compare(
        &go,
        &rust,
        DEFAULT_ALPHA,
        &[("parse/json".into(), "BenchmarkParse-8".into())],
        Text::Write,
    );
    assert_eq!(mapped.rows.len(), 1);
    let row = &mapped.rows[0];
    assert_eq!(row.unit, "ns/op");
    assert!(
        (row.median_new.unwrap() - 501.0).abs() < 1e-6,
        "seconds became ns/op: {:?}",
        row.median_new
    );
    assert!(row.significant);
    assert!(
        row.warnings
            .iter()
            .any(|w| w == "configuration differs: cpu: A vs B"),
        "{:?}",
        row.warnings
    );
}

#[test]
fn a_side_with_few_samples_is_warned_about() {
    let a = Side::owned(
        "a",
        vec![BenchResult {
            name: "X".into(),
            unit: "ns/op".into(),
            samples: vec![1.0, 2.0, 3.0],
            config: vec![].into(),
            parts: None,
            exact: false,
        }],
    );
    let b = Side::owned(
        "b",
        vec![BenchResult {
            name: "X".into(),
            unit: "ns/op".into(),
            samples: vec![4.0, 5.0, 6.0, 7.0, 8.0],
            config: vec![].into(),
            parts: None,
            exact: false,
        }],
    );
    let report = compare(&a, &b, 0.05, &[], Text::Write);
    assert!(
        report.rows[0]
            .warnings
            .iter()
            .any(|w| w.contains("the base side has only 3 sample(s)"))
    );
    assert!(report.rows[0].ci_base.is_none());
}

fn result(name: &str, unit: &str, samples: &[f64]) -> BenchResult {
    BenchResult {
        name: name.into(),
        unit: unit.into(),
        samples: samples.to_vec(),
        config: Default::default(),
        parts: None,
        exact: false,
    }
}

#[test]
fn the_same_unit_pairs_before_a_convertible_one_and_custom_time_units_stay_apart() {
    let base = Side::owned(
        "a",
        vec![result("BenchmarkX", "ns/key", &[5.0, 5.0, 5.0, 5.0])],
    );
    let new = Side::owned(
        "b",
        vec![
            result("BenchmarkX", "ns/op", &[9.0, 9.0, 9.0, 9.0]),
            result("BenchmarkX", "ns/key", &[6.0, 6.0, 6.0, 6.0]),
        ],
    );
    let report = compare(&base, &new, DEFAULT_ALPHA, &[], Text::Write);
    let units: Vec<(&str, usize, usize)> = report
        .rows
        .iter()
        .map(|r| (r.unit.as_str(), r.n_base, r.n_new))
        .collect();
    assert_eq!(units, [("ns/key", 4, 4), ("ns/op", 0, 4)]);
    assert_eq!(time_factor("ns/key"), None);
    assert_eq!(time_factor("ms/iter"), Some(1e-3));
}

#[test]
fn json_figures_stay_in_the_unit_as_written() {
    let a = Side::owned(
        "a",
        vec![result(
            "BenchmarkX",
            "ns/op",
            &[15.0, 15.0, 15.0, 15.0, 15.0],
        )],
    );
    let b = Side::owned(
        "b",
        vec![result("BenchmarkX", "ns/op", &[7.5, 7.5, 7.5, 7.5, 7.5])],
    );
    let row = &compare(&a, &b, DEFAULT_ALPHA, &[], Text::Write).rows[0];
    assert_eq!((row.median_base, row.median_new), (Some(15.0), Some(7.5)));
    assert_eq!(row.delta_percent, Some(-50.0));
}

#[test]
fn csv_text_cells_cannot_become_formulas_and_numbers_stay_numbers() {
    let samples = [-3.0, -2.0, -1.0, -2.5];
    let base = Side::owned(
        "a",
        vec![
            result("=HYPERLINK(\"http://evil\",\"x\")", "ns/op", &samples),
            result("@SUM(A1)", "+cmd|' /C calc'!A0", &samples),
            result("\tTabbed", "-units", &samples),
            result("plain, with comma", "ns/op", &samples),
        ],
    );
    let new = Side {
        label: "b".into(),
        results: base.results.clone(),
    };
    let csv = to_csv(&compare(&base, &new, DEFAULT_ALPHA, &[], Text::Write));
    let lines: Vec<&str> = csv.lines().skip(1).collect();
    assert!(lines.iter().any(|l| l.starts_with(
        "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",ns/op,4,-2.25,"
    )), "{csv}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("\"'@SUM(A1)\",\"'+cmd|' /C calc'!A0\",")),
        "{csv}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("\"'\tTabbed\",\"'-units\",")),
        "{csv}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("\"plain, with comma\",ns/op,")),
        "{csv}"
    );
    for line in &lines {
        let first = line.chars().next().unwrap();
        assert!(!"=+-@\t\r".contains(first), "{line}");
    }
}

/// Several benchmarks with a zero base median: each counts as a row with a baseline, so the
/// geomean row does not claim that the benchmark sets differ (benchstat appends a zero ratio
/// for each, in benchtab/builder.go).
#[test]
fn every_zero_base_counts_in_the_geomean() {
    check("zeros-old.txt", "zeros-new.txt");
    let report = compare(
        &side("zeros-old.txt"),
        &side("zeros-new.txt"),
        DEFAULT_ALPHA,
        &[],
        Text::Write,
    );
    let expected =
        std::fs::read_to_string(format!("{FIXTURES}/zeros-old-vs-zeros-new.benchstat")).unwrap();
    let mut ours = notes(&report.text);
    let mut theirs = notes(&expected);
    ours.sort();
    ours.dedup();
    theirs.sort();
    theirs.dedup();
    assert_eq!(ours, theirs, "\nours:\n{}", report.text);
}
